using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>Reads the facts of a paper out of a BibTeX entry, whichever of the usual fields carry them.</summary>
public static partial class BibtexMetadata
{
    static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static PaperMetadata From(BibtexEntry entry)
    {
        var authors = entry.Raw("author") is { } raw ? PersonName.SplitAuthors(raw, out _) : [];
        var arxiv = ArxivOf(entry);
        var year = entry.Get("year") is { } y && YearPattern().Match(y) is { Success: true } m ? int.Parse(m.Value) : (int?)null;
        var month = MonthOf(entry.Get("month"));
        var url = entry.Get("url");
        return new PaperMetadata
        {
            Title = entry.Get("title") ?? "",
            Authors = authors.Select(a => PersonName.Parse(a).Display).ToList(),
            Abstract = entry.Get("abstract"),
            Year = year,
            PublishedOn = year is not null && month is not null ? new DateOnly(year.Value, month.Value, 1) : null,
            Venue = VenueOf(entry, arxiv is not null),
            ArxivId = arxiv,
            Doi = Doi.NormalizeOrNull(entry.Get("doi")) ?? Doi.NormalizeOrNull(url),
            Url = url,
            PdfUrl = PdfOf(entry),
            Keywords = (entry.Get("keywords") ?? entry.Get("keyword") ?? "")
                .Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            BibtexKey = entry.Key,
            EntryType = entry.Type,
            Source = "bibtex",
        };
    }

    static string? ArxivOf(BibtexEntry entry)
    {
        var prefix = entry.Get("archiveprefix") ?? entry.Get("eprinttype");
        if (entry.Get("eprint") is { } eprint && (prefix is null || prefix.Equals("arxiv", StringComparison.OrdinalIgnoreCase))
            && ArxivId.TryParse(eprint, out var id))
        {
            return id.Id;
        }
        foreach (var field in new[] { "url", "doi", "journal", "note", "howpublished" })
        {
            if (entry.Get(field) is not { } text) continue;
            var match = ArxivMention().Match(text);
            if (match.Success && ArxivId.TryParse(match.Groups[1].Value, out id)) return id.Id;
            if (ArxivId.TryParse(text, out id)) return id.Id;
        }
        return null;
    }

    /// <summary>journal, booktitle, or for a preprint the repository; "arXiv preprint arXiv:…" says arXiv.</summary>
    static string? VenueOf(BibtexEntry entry, bool isArxiv)
    {
        var venue = entry.Get("journal") ?? entry.Get("journaltitle") ?? entry.Get("booktitle") ?? entry.Get("series")
            ?? entry.Get("howpublished") ?? entry.Get("publisher") ?? entry.Get("school");
        if (venue is not null && ArxivMention().IsMatch(venue)) return "arXiv";
        if (venue is not null && venue.StartsWith("http", StringComparison.OrdinalIgnoreCase)) venue = null;
        return venue ?? (isArxiv ? "arXiv" : null);
    }

    static string? PdfOf(BibtexEntry entry)
    {
        if (entry.Get("pdf") is { } pdf) return pdf;
        // Reference managers put local paths in "file"; only a web address is worth keeping.
        return entry.Get("file") is { } file && file.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            && file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? file : null;
    }

    static int? MonthOf(string? month)
    {
        if (month is null) return null;
        if (int.TryParse(month, out var n)) return n is >= 1 and <= 12 ? n : null;
        var index = Array.IndexOf(Months, month.Trim().ToLowerInvariant()[..Math.Min(3, month.Trim().Length)]);
        return index >= 0 ? index + 1 : null;
    }

    // [0-9], not \d: int.Parse takes ASCII digits only.
    [GeneratedRegex(@"\b(1[6-9][0-9][0-9]|2[01][0-9][0-9])\b")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"arxiv(?:\s+preprint)?[:\s]+(?:arxiv:)?\s*([\w.\-/]+\d)", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivMention();
}
