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

    /// <summary>The same facts with mojibake repaired, whitespace collapsed, names and identifiers normalized.</summary>
    public PaperMetadata Cleaned() => this with
    {
        Title = TextCleaner.Clean(Mojibake.Repair(Title)).TrimEnd('.'),
        Authors = Authors.Select(PersonName.Normalize).Where(a => a.Length > 0).ToList(),
        Abstract = Blank(Abstract is null ? null : TextCleaner.Clean(Mojibake.Repair(Abstract))),
        Venue = Blank(Venue is null ? null : TextCleaner.Clean(Mojibake.Repair(Venue))),
        ArxivId = Import.ArxivId.TryParse(ArxivId, out var arxiv) ? arxiv.Id : null,
        Doi = Import.Doi.NormalizeOrNull(Doi),
        Url = Blank(Url?.Trim()),
        PdfUrl = Blank(PdfUrl?.Trim()),
        Keywords = Keywords.Select(k => TextCleaner.Clean(Mojibake.Repair(k))).Where(k => k.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Categories = Categories.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList(),
        Year = Year is >= 1600 and <= 2200 ? Year : PublishedOn?.Year,
    };

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
