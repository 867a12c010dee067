using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>Reads a Crossref REST API work (api.crossref.org/works/{doi}).</summary>
public static partial class CrossrefJson
{
    public static PaperMetadata Parse(string json)
    {
        var root = JsonReading.Document(json, "Crossref");
        if (!root.TryGetProperty("message", out var work) || work.ValueKind != JsonValueKind.Object)
        {
            throw new MetadataSourceException(SourceFailure.Garbage, "Crossref answered without the work it was asked for.");
        }
        var title = JsonReading.First(work, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new MetadataSourceException(SourceFailure.Garbage, "Crossref's record for this DOI has no title.");
        }
        if (JsonReading.First(work, "subtitle") is { Length: > 0 } subtitle) title = $"{title}: {subtitle}";

        var type = JsonReading.String(work, "type");
        var (year, published) = DateOf(work);
        return new PaperMetadata
        {
            Title = TextCleaner.StripTags(title),
            Authors = Authors(work),
            Abstract = JsonReading.String(work, "abstract") is { } a ? TextCleaner.StripTags(JatsTitle().Replace(a, "")) : null,
            Year = year,
            PublishedOn = published,
            Venue = VenueOf(work),
            ArxivId = PreprintArxivId(work),
            Doi = JsonReading.String(work, "DOI"),
            Url = JsonReading.String(work, "URL"),
            PdfUrl = work.TryGetProperty("link", out var links) && links.ValueKind == JsonValueKind.Array
                ? links.EnumerateArray().Where(l => JsonReading.String(l, "content-type") == "application/pdf")
                    .Select(l => JsonReading.String(l, "URL")).FirstOrDefault(u => u is not null)
                : null,
            EntryType = type switch
            {
                "journal-article" => "article",
                "proceedings-article" => "inproceedings",
                "book-chapter" or "book-section" or "book-part" => "incollection",
                "book" or "monograph" or "edited-book" => "book",
                "dissertation" => "phdthesis",
                "report" => "techreport",
                _ => "misc",
            },
            Source = "crossref",
        };
    }

    static List<string> Authors(JsonElement work)
    {
        if (!work.TryGetProperty("author", out var authors) || authors.ValueKind != JsonValueKind.Array) return [];
        return authors.EnumerateArray()
            .Select(a => JsonReading.String(a, "family") is { } family
                ? $"{JsonReading.String(a, "given")} {family}".Trim()
                : JsonReading.String(a, "name"))
            .OfType<string>()
            .ToList();
    }

    /// <summary>The journal or proceedings; a preprint server's records name it as the institution.</summary>
    static string? VenueOf(JsonElement work) =>
        JsonReading.First(work, "container-title")
        ?? (work.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Object ? JsonReading.String(e, "name") : null)
        ?? (work.TryGetProperty("institution", out var inst) && inst.ValueKind == JsonValueKind.Array
            ? inst.EnumerateArray().Select(i => JsonReading.String(i, "name")).FirstOrDefault(n => n is not null)
            : null)
        ?? JsonReading.First(work, "group-title");

    static (int? Year, DateOnly? Date) DateOf(JsonElement work)
    {
        foreach (var name in new[] { "published-print", "published-online", "published", "issued", "created" })
        {
            if (!work.TryGetProperty(name, out var date) || date.ValueKind != JsonValueKind.Object
                || !date.TryGetProperty("date-parts", out var parts)) continue;
            if (parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() == 0) continue;
            var ymd = parts[0];
            if (ymd.ValueKind != JsonValueKind.Array || ymd.GetArrayLength() == 0 || Int(ymd[0]) is not { } year) continue;
            var month = ymd.GetArrayLength() > 1 ? Int(ymd[1]) ?? 0 : 0;
            var day = ymd.GetArrayLength() > 2 ? Int(ymd[2]) ?? 1 : 1;
            DateOnly? exact = year is > 0 and < 10000 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
            return (year, exact);
        }
        return (null, null);
    }

    /// <summary>A whole number that fits an int; 2020.5 or 1e12 is no date part.</summary>
    static int? Int(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) ? n : null;

    /// <summary>A published version often links its arXiv preprint; that ties the two records to one paper.</summary>
    static string? PreprintArxivId(JsonElement work)
    {
        if (!work.TryGetProperty("relation", out var relation) || relation.ValueKind != JsonValueKind.Object
            || !relation.TryGetProperty("has-preprint", out var preprints)
            || preprints.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        return preprints.EnumerateArray()
            .Select(p => JsonReading.String(p, "id"))
            .Select(id => ArxivId.TryParse(id, out var arxiv) ? arxiv.Id : null)
            .FirstOrDefault(id => id is not null);
    }

    [GeneratedRegex(@"<jats:title>.*?</jats:title>", RegexOptions.Singleline)]
    private static partial Regex JatsTitle();
}
