using System.Globalization;
using System.Text.RegularExpressions;

namespace ShortScience.Testing;

/// <summary>
/// The hostile-input corpus (hostile-inputs.txt): script, event-handler, URL-scheme, SVG/MathML, Markdown-link and
/// encoding tricks that every place a person writes text must turn into inert output.
/// </summary>
public static partial class HostileCorpus
{
    static readonly Lazy<List<string>> Loaded = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hostile-inputs.txt"))
            .Split("\n%%%%\n").Skip(1).Select(e => Unescape(e.TrimEnd('\n'))).ToList());

    public static IReadOnlyList<string> Entries => Loaded.Value;

    /// <summary>The corpus in groups, for surfaces where each write is costly (one comment holds several entries).</summary>
    public static IEnumerable<string[]> Chunks(int size) => Loaded.Value.Chunk(size);

    static string Unescape(string text) => CodePoint().Replace(text,
        m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{U\+([0-9A-F]{4,6})\}")]
    private static partial Regex CodePoint();
}
