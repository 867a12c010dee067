using System.Globalization;
using System.Text;
using ShortScience.Core.Import;

namespace ShortScience.Core.Export;

/// <summary>
/// RIS (application/x-research-info-systems), the tagged format Zotero, EndNote and Mendeley import: one
/// <c>TY</c> … <c>ER</c> record per paper, "XX  - value" lines, CRLF line ends.
/// </summary>
public static class RisWriter
{
    public const string ContentType = "application/x-research-info-systems";

    public static string Write(IEnumerable<PaperMetadata> papers)
    {
        var sb = new StringBuilder();
        foreach (var paper in papers) Append(sb, paper);
        return sb.ToString();
    }

    /// <summary>The RIS reference type for a BibTeX entry type.</summary>
    public static string Type(PaperMetadata paper) => paper.EntryType switch
    {
        "inproceedings" or "proceedings" => "CONF",
        "article" => "JOUR",
        "incollection" => "CHAP",
        "book" => "BOOK",
        "phdthesis" or "mastersthesis" => "THES",
        "techreport" => "RPRT",
        _ => "GEN",
    };

    static void Append(StringBuilder sb, PaperMetadata p)
    {
        var type = Type(p);
        Line(sb, "TY", type);
        if (p.BibtexKey is { Length: > 0 } key) Line(sb, "ID", key);
        Line(sb, "TI", p.Title);
        foreach (var author in p.Authors)
        {
            var name = NameParts.Parse(author);
            Line(sb, "AU", name.Family is null ? name.Literal : $"{name.Family}, {name.Given}");
        }
        if (p.Year is { } year) Line(sb, "PY", year.ToString(CultureInfo.InvariantCulture));
        if (p.PublishedOn is { } on) Line(sb, "DA", on.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture));
        if (p.Venue is { Length: > 0 } venue) Line(sb, type == "JOUR" ? "JO" : "T2", venue);
        if (p.Doi is { Length: > 0 } doi) Line(sb, "DO", doi);
        if (p.ArxivId is { Length: > 0 } arxiv) Line(sb, "UR", $"https://arxiv.org/abs/{arxiv}");
        if (p.Url is { Length: > 0 } url) Line(sb, "UR", url);
        if (p.Abstract is { Length: > 0 } abstractText) Line(sb, "AB", abstractText);
        foreach (var keyword in p.Keywords) Line(sb, "KW", keyword);
        sb.Append("ER  - \r\n\r\n");
    }

    /// <summary>One tag line; a value's line breaks and control characters become spaces (a record line is one line).</summary>
    static void Line(StringBuilder sb, string tag, string value)
    {
        var clean = new StringBuilder(value.Length);
        foreach (var c in value) clean.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        var text = clean.ToString().Trim();
        if (text.Length == 0) return;
        sb.Append(tag).Append("  - ").Append(text).Append("\r\n");
    }
}
