using ShortScience.Contracts;

namespace ShortScience.Core.Import;

/// <summary>What every source (arXiv, Crossref, DataCite, BibTeX, the manual form) says about a paper.</summary>
public sealed record PaperMetadata
{
    public string Title { get; init; } = "";

    /// <summary>Display names in order ("Aäron van den Oord").</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Abstract { get; init; }
    public int? Year { get; init; }
    public DateOnly? PublishedOn { get; init; }

    /// <summary>The venue as the source writes it; matched against the catalogue on import.</summary>
    public string? Venue { get; init; }

    /// <summary>Without version ("2401.01234", "hep-th/9901001").</summary>
    public string? ArxivId { get; init; }

    /// <summary>Normalized: lower-case, no resolver prefix.</summary>
    public string? Doi { get; init; }
    public string? Url { get; init; }
    public string? PdfUrl { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? BibtexKey { get; init; }

    /// <summary>BibTeX-style type: article, inproceedings, misc …</summary>
    public string? EntryType { get; init; }

    /// <summary>arXiv marks papers their authors withdrew.</summary>
    public bool Withdrawn { get; init; }

    /// <summary>"arxiv", "crossref", "datacite", "bibtex" or "manual".</summary>
    public string Source { get; init; } = "manual";

    /// <summary>What <see cref="Cleaned"/> left out, and why (a link that is not http(s), authors over the limit …).</summary>
    public IReadOnlyList<string> Dropped { get; init; } = [];

    /// <summary>The same facts with mojibake repaired, whitespace collapsed, names and identifiers normalized.</summary>
    public PaperMetadata Cleaned()
    {
        var dropped = new List<string>(Dropped);
        var authors = Authors.Select(PersonName.Normalize).Where(a => !Visible.IsBlank(a)).ToList();
        if (authors.Count > Limits.AuthorsPerPaper)
        {
            dropped.Add($"authors: only the first {Limits.AuthorsPerPaper:N0} of {authors.Count:N0} were kept");
            authors = authors[..Limits.AuthorsPerPaper];
        }
        var keywords = Tags(Keywords);
        if (keywords.Count > Limits.KeywordsPerPaper)
        {
            dropped.Add($"keywords: only the first {Limits.KeywordsPerPaper} of {keywords.Count:N0} were kept");
            keywords = keywords[..Limits.KeywordsPerPaper];
        }
        var abs = Blank(Abstract is null ? null : TextCleaner.Clean(Mojibake.Repair(Abstract)));
        if (abs is { Length: > Limits.AbstractChars })
        {
            dropped.Add($"abstract: cut to {Limits.AbstractChars:N0} characters");
            // Never half an emoji: a lone surrogate cannot be stored.
            abs = Cut(abs, Limits.AbstractChars);
        }
        return this with
        {
            Title = Cut(TextCleaner.Clean(Mojibake.Repair(Title)).TrimEnd('.'), Limits.PaperTitleChars),
            Authors = authors.ConvertAll(a => Cut(a, Limits.AuthorNameChars)),
            Abstract = abs,
            Venue = Blank(Venue is null ? null : Cut(TextCleaner.Clean(Mojibake.Repair(Venue)), Limits.VenueNameChars)),
            ArxivId = Import.ArxivId.TryParse(ArxivId, out var arxiv) ? arxiv.Id : null,
            Doi = Import.Doi.NormalizeOrNull(Doi),
            Url = Link("url", Url, dropped),
            PdfUrl = Link("pdf", PdfUrl, dropped),
            Keywords = keywords,
            Categories = Categories.Select(c => Cut(c.Trim(), Limits.KeywordChars)).Where(c => c.Length > 0).Distinct().Take(Limits.KeywordsPerPaper).ToList(),
            Year = Year is >= 1600 and <= 2200 ? Year : PublishedOn?.Year,
            Dropped = dropped,
        };
    }

    /// <summary>The link when it is an absolute http(s) address (<see cref="Checks.IsWebAddress"/>); otherwise null and a note.</summary>
    static string? Link(string field, string? url, List<string> dropped)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (Checks.WebAddressOrNull(url) is { } ok) return ok;
        var shown = url.Length > 80 ? TextCut.Prefix(url, 80) + "…" : url;
        dropped.Add($"{field}: '{new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray())}' is not an http(s) web address");
        return null;
    }

    static string Cut(string text, int max) => TextCut.Prefix(text, max);

    /// <summary>
    /// Keywords as tags, wherever they come from (an import, the form, an edit): one line each, cut to the limit, only
    /// those with a letter, digit or symbol, each with an address of its own (<see cref="Links.Tag"/>), once each.
    /// </summary>
    public static List<string> Tags(IEnumerable<string> keywords) => keywords
        .Select(k => Cut(TextCleaner.Clean(Mojibake.Repair(k)), Limits.KeywordChars)).Where(Visible.HasWordOrSymbol).Select(Links.Tag)
        .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    static string? Blank(string? text) => Visible.IsBlank(text) ? null : text;
}
