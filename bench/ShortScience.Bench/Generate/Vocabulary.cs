using System.Text;
using System.Text.RegularExpressions;

namespace ShortScience.Bench.Generate;

/// <summary>
/// Words ranked by frequency: the words of the demo papers and summaries in the order they occur there (so "the",
/// "of", "model" lead), then made-up words for the long tail. Drawn with Zipf's law, like words in real text.
/// </summary>
public sealed partial class Vocabulary
{
    static readonly HashSet<string> StopWords =
    [
        .. "a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your also via one two using used use we our may however thus".Split(' '),
    ];

    static readonly string[] Syllables =
    [
        "ba", "ko", "ri", "ten", "dal", "mo", "ve", "sar", "lin", "tu", "pre", "gra", "no", "fe", "zi", "lo", "qua", "ster",
        "mi", "dor", "pa", "ren", "ta", "vi", "cor", "hel", "xi", "um", "bra", "neo", "tri", "sen", "ka", "lu", "ph", "or",
    ];

    readonly string[] _words;
    readonly string[] _content;
    readonly Zipf _zipf;
    readonly Zipf _contentZipf;

    Vocabulary(string[] words)
    {
        _words = words;
        _content = [.. words.Where(w => !StopWords.Contains(w) && w.Length > 2)];
        _zipf = new Zipf(words.Length, 1.0);
        _contentZipf = new Zipf(_content.Length, 0.9);
    }

    public static Vocabulary Build(string demoFolder, int size, Random random)
    {
        var counts = new Dictionary<string, int>();
        foreach (var file in Directory.EnumerateFiles(demoFolder, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".md") || f.EndsWith("papers.json")))
        {
            // Words of the prose only: not the math, the links or the JSON field names.
            var text = Markup().Replace(File.ReadAllText(file), " ").ToLowerInvariant();
            foreach (Match m in WordPattern().Matches(text))
            {
                counts[m.Value] = counts.GetValueOrDefault(m.Value) + 1;
            }
        }
        var words = counts.Where(c => c.Key.Length > 1 || c.Key == "a").OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).ToList();
        var seen = words.ToHashSet();
        while (words.Count < size)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(2, 5); n > 0; n--) sb.Append(Syllables[random.Next(Syllables.Length)]);
            if (seen.Add(sb.ToString())) words.Add(sb.ToString());
        }
        return new Vocabulary([.. words]);
    }

    public string Word(Random random) => _words[_zipf.Next(random)];

    /// <summary>A word that carries meaning (no stop words), for titles and keywords.</summary>
    public string ContentWord(Random random) => _content[_contentZipf.Next(random)];

    public void Sentence(StringBuilder sb, Random random, int min, int max)
    {
        var n = random.Next(min, max + 1);
        for (var i = 0; i < n; i++)
        {
            var word = Word(random);
            if (i == 0) sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            else sb.Append(' ').Append(word);
            if (i > 2 && i < n - 2 && random.Next(12) == 0) sb.Append(',');
        }
        sb.Append(". ");
    }

    public string Paragraph(Random random, int sentences)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < sentences; i++) Sentence(sb, random, 7, 20);
        return sb.ToString(0, sb.Length - 1);
    }

    public string Title(Random random)
    {
        var n = random.Next(3, 9);
        var parts = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var w = i > 0 && random.Next(5) == 0 ? _words[random.Next(0, 12)] : ContentWord(random);
            parts.Add(i == 0 || w.Length > 3 ? char.ToUpperInvariant(w[0]) + w[1..] : w);
        }
        if (n > 4 && random.Next(3) == 0) parts[random.Next(1, n - 2)] += ":";
        return string.Join(' ', parts);
    }

    [GeneratedRegex(@"\$\$[^$]*\$\$|\$[^$\n]*\$|https?://\S+|\\[a-zA-Z]+|""[a-zA-Z]+"":")]
    private static partial Regex Markup();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex WordPattern();
}
