using System.Text;
using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>
/// Writes BibTeX that BibTeX, biber and reference managers read back: every value braced and balanced,
/// LaTeX specials escaped, capitalized words protected, math kept, non-ASCII left as UTF-8.
/// </summary>
public static partial class BibtexWriter
{
    public static string Write(IEnumerable<PaperMetadata> papers)
    {
        var sb = new StringBuilder();
        foreach (var paper in papers)
        {
            if (sb.Length > 0) sb.Append('\n');
            Append(sb, paper);
        }
        return sb.ToString();
    }

    public static string Write(PaperMetadata paper) => Write([paper]);

    static void Append(StringBuilder sb, PaperMetadata p)
    {
        var type = p.EntryType ?? (p.ArxivId is not null && p.Venue is null or "arXiv" ? "misc" : "article");
        var venueField = type switch
        {
            "article" => "journal",
            "inproceedings" or "incollection" or "proceedings" => "booktitle",
            "phdthesis" or "mastersthesis" => "school",
            "techreport" => "institution",
            _ => "howpublished",
        };
        var key = KeyCharacters().Replace(p.BibtexKey ?? "paper", "");
        sb.Append('@').Append(type).Append('{').Append(key).Append(",\n");
        Field(sb, "title", Escape(p.Title, protectCapitals: true));
        if (p.Authors.Count > 0) Field(sb, "author", string.Join(" and ", p.Authors.Select(Author)));
        if (p.Venue is not null && !(p.ArxivId is not null && p.Venue == "arXiv")) Field(sb, venueField, Escape(p.Venue));
        if (p.Year is not null) Field(sb, "year", p.Year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (p.Doi is not null) Field(sb, "doi", Verbatim(p.Doi));
        if (p.ArxivId is not null)
        {
            Field(sb, "eprint", p.ArxivId);
            Field(sb, "archiveprefix", "arXiv");
            if (p.Categories.Count > 0) Field(sb, "primaryclass", Escape(p.Categories[0]));
        }
        if (p.Url is not null) Field(sb, "url", Verbatim(p.Url));
        if (p.Keywords.Count > 0) Field(sb, "keywords", Escape(string.Join(", ", p.Keywords)));
        sb.Length -= 2;
        sb.Append("\n}\n");
    }

    static void Field(StringBuilder sb, string name, string value) =>
        sb.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    /// <summary>"Aäron van den Oord" → "van den Oord, Aäron"; names that contain "and" or commas are braced whole.</summary>
    static string Author(string display)
    {
        var name = PersonName.Parse(display);
        if (IsLiteralName(display, name)) return "{" + Escape(display) + "}";
        var last = string.Join(' ', new[] { name.Von, name.Last }.Where(x => x.Length > 0));
        var parts = new List<string> { Escape(last) };
        if (name.Jr.Length > 0) parts.Add(Escape(name.Jr));
        if (name.First.Length > 0) parts.Add(Escape(name.First));
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts);
    }

    /// <summary>
    /// A name that is not "given family" (an organization with "and" in it, a name with a comma the parts cannot hold):
    /// written whole, braced in BibTeX and literal in RIS and CSL-JSON, never split into a family and a given name.
    /// </summary>
    public static bool IsLiteralName(string display, PersonName name) =>
        AndWord().IsMatch(display) || name.First.Contains(',') || name.Last.Contains(',');

    /// <summary>Escapes LaTeX specials outside $…$; braces become commands so the value stays balanced.</summary>
    public static string Escape(string text, bool protectCapitals = false)
    {
        var sb = new StringBuilder(text.Length + 8);
        var segments = MathSegment().Split(text);
        for (var i = 0; i < segments.Length; i++)
        {
            // Split keeps the captured math at odd positions.
            if (i % 2 == 1 && SafeMath(segments[i]))
            {
                sb.Append(segments[i]);
                continue;
            }
            var start = sb.Length;
            foreach (var c in segments[i])
            {
                sb.Append(c switch
                {
                    '\\' => @"\textbackslash{}",
                    '{' => @"\textbraceleft{}",
                    '}' => @"\textbraceright{}",
                    '&' or '%' or '$' or '#' or '_' => "\\" + c,
                    '~' => @"\textasciitilde{}",
                    '^' => @"\textasciicircum{}",
                    _ => c.ToString(),
                });
            }
            if (protectCapitals)
            {
                var escaped = sb.ToString(start, sb.Length - start);
                sb.Length = start;
                sb.Append(Word().Replace(escaped, m => NeedsProtection(m.Value) ? "{" + m.Value + "}" : m.Value));
            }
        }
        return sb.ToString();
    }

    /// <summary>Acronyms and names ("BERT", "ImageNet", "GPT-3") keep their capitals when a style lower-cases titles.</summary>
    static bool NeedsProtection(string word) => word.Skip(1).Any(char.IsUpper);

    static string Verbatim(string value) => value.Replace("\\", "%5C").Replace("{", "%7B").Replace("}", "%7D");

    /// <summary>
    /// Math is passed through as written only when it is math and nothing more: balanced braces, not ending in a
    /// backslash (which would escape the closing dollar and run on), no comment or parameter characters, and no
    /// command that reads or writes files, runs programs or redefines anything in the reader's document. Titles are
    /// written by members; the .bib file is compiled by whoever cites the paper.
    /// </summary>
    static bool SafeMath(string math)
    {
        var inner = math[1..^1];
        if (!Balanced(inner) || inner.EndsWith('\\') || inner.IndexOfAny(['%', '#']) >= 0) return false;
        foreach (Match command in ControlSequence().Matches(inner))
        {
            if (Forbidden.Contains(command.Groups[1].Value) || command.Groups[1].Value.Contains('@')) return false;
        }
        return true;
    }

    static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "input", "include", "includeonly", "InputIfFileExists", "IfFileExists", "openin", "openout", "read", "readline",
        "write", "immediate", "special", "jobname", "ShellEscape", "directlua", "latelua", "pdfprimitive", "pdffiledump",
        "def", "edef", "gdef", "xdef", "let", "futurelet", "global", "long", "outer", "catcode", "lccode", "uccode",
        "csname", "endcsname", "expandafter", "noexpand", "scantokens", "detokenize", "lowercase", "uppercase",
        "newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "newenvironment", "renewenvironment",
        "usepackage", "RequirePackage", "documentclass", "makeatletter", "makeatother", "everypar", "everymath",
        "everydisplay", "everyhbox", "everyvbox", "everyjob", "everyeof", "afterassignment", "aftergroup", "end", "endinput",
        "batchmode", "nonstopmode", "scrollmode", "errorstopmode", "errmessage", "message", "typeout", "loop", "repeat",
    };

    static bool Balanced(string math)
    {
        var depth = 0;
        foreach (var c in math)
        {
            if (c == '{') depth++;
            else if (c == '}' && --depth < 0) return false;
        }
        return depth == 0;
    }

    [GeneratedRegex(@"(\$[^$]+\$)")]
    private static partial Regex MathSegment();

    [GeneratedRegex(@"\\([A-Za-z@]+)")]
    private static partial Regex ControlSequence();

    [GeneratedRegex(@"(?<![\\\w])[\p{L}\p{N}][\p{L}\p{N}\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\sand\s", RegexOptions.IgnoreCase)]
    private static partial Regex AndWord();

    [GeneratedRegex(@"[\s,{}()=""#%'\\]")]
    private static partial Regex KeyCharacters();
}
