using System.Text.Json;

namespace ShortScience.Core.Import;

/// <summary>Reads a DataCite REST API record (api.datacite.org/dois/{doi}): Zenodo, arXiv DOIs, repositories.</summary>
public static class DataCiteJson
{
    public static PaperMetadata Parse(string json)
    {
        var root = JsonReading.Document(json, "DataCite");
        if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var status = JsonReading.String(errors[0], "status");
            var message = JsonReading.String(errors[0], "title") ?? "unknown error";
            throw new MetadataSourceException(status == "404" ? SourceFailure.NotFound : SourceFailure.Refused, $"DataCite: {message}");
        }
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("attributes", out var a) || a.ValueKind != JsonValueKind.Object)
        {
            throw new MetadataSourceException(SourceFailure.Garbage, "DataCite answered without the record it was asked for.");
        }
        var title = a.TryGetProperty("titles", out var titles) && titles.ValueKind == JsonValueKind.Array
            ? titles.EnumerateArray().Where(t => JsonReading.String(t, "titleType") is null)
                .Concat(titles.EnumerateArray()).Select(t => JsonReading.String(t, "title")).FirstOrDefault(t => t is not null)
            : null;
        if (title is null)
        {
            throw new MetadataSourceException(SourceFailure.Garbage, "DataCite's record for this DOI has no title.");
        }

        var year = int.TryParse(JsonReading.String(a, "publicationYear"), out var y) ? y : (int?)null;
        var generalType = a.TryGetProperty("types", out var types) ? JsonReading.String(types, "resourceTypeGeneral") : null;
        return new PaperMetadata
        {
            Title = TextCleaner.StripTags(title),
            Authors = Creators(a),
            Abstract = Items(a, "descriptions").Where(d => JsonReading.String(d, "descriptionType") == "Abstract")
                .Select(d => JsonReading.String(d, "description")).Where(d => d is not null)
                .Select(d => TextCleaner.StripTags(d!)).FirstOrDefault(),
            Year = year,
            PublishedOn = Items(a, "dates").Where(d => JsonReading.String(d, "dateType") == "Issued")
                .Select(d => DateOnly.TryParse(JsonReading.String(d, "date"), out var date) ? date : (DateOnly?)null)
                .FirstOrDefault(d => d is not null),
            Venue = (a.TryGetProperty("container", out var c) ? JsonReading.String(c, "title") : null) ?? Publisher(a),
            ArxivId = Items(a, "identifiers").Concat(Items(a, "alternateIdentifiers"))
                .Where(i => string.Equals(JsonReading.String(i, "identifierType") ?? JsonReading.String(i, "alternateIdentifierType"), "arXiv", StringComparison.OrdinalIgnoreCase))
                .Select(i => JsonReading.String(i, "identifier") ?? JsonReading.String(i, "alternateIdentifier"))
                .FirstOrDefault(i => i is not null),
            Doi = JsonReading.String(a, "doi"),
            Url = JsonReading.String(a, "url"),
            Keywords = Items(a, "subjects").Select(s => JsonReading.String(s, "subject")).OfType<string>()
                .Where(s => !s.StartsWith("FOS:", StringComparison.Ordinal)).ToList(),
            EntryType = generalType switch
            {
                "JournalArticle" => "article",
                "ConferencePaper" => "inproceedings",
                "Book" => "book",
                "BookChapter" => "incollection",
                "Dissertation" => "phdthesis",
                "Report" => "techreport",
                _ => "misc",
            },
            Source = "datacite",
        };
    }

    /// <summary>"publisher" is a string in the classic API and an object with a name in newer answers.</summary>
    static string? Publisher(JsonElement a) =>
        a.TryGetProperty("publisher", out var p) && p.ValueKind == JsonValueKind.Object ? JsonReading.String(p, "name") : JsonReading.String(a, "publisher");

    static List<string> Creators(JsonElement a) =>
        Items(a, "creators").Select(c =>
            JsonReading.String(c, "familyName") is { } family && JsonReading.String(c, "nameType") != "Organizational"
                ? $"{JsonReading.String(c, "givenName")} {family}".Trim()
                : JsonReading.String(c, "name")).OfType<string>().ToList();

    static IEnumerable<JsonElement> Items(JsonElement a, string name) =>
        a.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];
}
