using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ShortScience.Core.Import;

/// <summary>Reads the Atom feed of arXiv's query API (export.arxiv.org/api/query?id_list=…).</summary>
public static partial class ArxivAtom
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";

    /// <summary>The papers in the feed; arXiv reports a bad id as an entry titled "Error", which becomes an exception.</summary>
    public static IReadOnlyList<PaperMetadata> Parse(string xml)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml);
        }
        catch (XmlException ex)
        {
            throw new MetadataSourceException(SourceFailure.Garbage, "arXiv answered with something that is not an Atom feed.", ex);
        }
        if (doc.Root?.Name != Atom + "feed")
        {
            throw new MetadataSourceException(SourceFailure.Garbage, "arXiv answered with XML that is not an Atom feed.");
        }

        var papers = new List<PaperMetadata>();
        foreach (var entry in doc.Root.Elements(Atom + "entry"))
        {
            var id = Text(entry, Atom + "id") ?? "";
            if (id.Contains("/api/errors", StringComparison.Ordinal))
            {
                throw new MetadataSourceException(SourceFailure.Refused, $"arXiv refused the identifier: {Text(entry, Atom + "summary")}.");
            }
            // A well-formed id that arXiv does not have comes back as an entry without a title.
            var title = Text(entry, Atom + "title");
            if (string.IsNullOrWhiteSpace(title) || !ArxivId.TryParse(id, out var arxivId)) continue;
            papers.Add(Read(entry, arxivId, title));
        }
        return papers;
    }

    static PaperMetadata Read(XElement entry, ArxivId id, string title)
    {
        var published = DateTimeOffset.TryParse(Text(entry, Atom + "published"), out var p) ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        var summary = Text(entry, Atom + "summary");
        var comment = Text(entry, Arxiv + "comment");
        var journalRef = Text(entry, Arxiv + "journal_ref");
        var doi = Text(entry, Arxiv + "doi")
            ?? entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("title") == "doi")?.Attribute("href")?.Value;
        var pdf = entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("title") == "pdf")?.Attribute("href")?.Value;

        // The journal reference names the venue only when the catalogue recognizes it; free text like "12 pages" does not.
        var venue = journalRef is not null && VenueCatalogue.Default.Match(journalRef) is not null ? journalRef : "arXiv";
        var refYear = venue == journalRef && Year().Match(journalRef) is { Success: true } y ? int.Parse(y.Value) : (int?)null;

        var primary = entry.Element(Arxiv + "primary_category")?.Attribute("term")?.Value;
        var categories = entry.Elements(Atom + "category").Select(c => c.Attribute("term")?.Value).OfType<string>();
        return new PaperMetadata
        {
            Title = title,
            Authors = entry.Elements(Atom + "author").Select(a => Text(a, Atom + "name")).OfType<string>().ToList(),
            Abstract = summary,
            Year = refYear ?? published?.Year,
            PublishedOn = published,
            Venue = venue,
            ArxivId = id.Id,
            Doi = doi,
            Url = $"https://arxiv.org/abs/{id.Id}",
            PdfUrl = pdf is null ? null : $"https://arxiv.org/pdf/{id.Id}",
            Categories = (primary is null ? categories : categories.Prepend(primary)).Distinct().ToList(),
            EntryType = venue == "arXiv" ? "misc" : null,
            Withdrawn = Withdrawn(comment) || Withdrawn(summary),
            Source = "arxiv",
        };
    }

    static bool Withdrawn(string? text) => text is not null && WithdrawnPattern().IsMatch(text);

    static string? Text(XElement parent, XName name) => parent.Element(name)?.Value is { } v ? TextCleaner.Clean(v) : null;

    // [0-9], not \d: int.Parse takes ASCII digits only.
    [GeneratedRegex(@"\b(?:19|20)[0-9][0-9]\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(?:paper|article|submission|manuscript) (?:has been|is) withdrawn|\bwithdrawn by the author", RegexOptions.IgnoreCase)]
    private static partial Regex WithdrawnPattern();
}
