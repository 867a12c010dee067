using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShortScience.Core.Import;

namespace ShortScience.Core.Export;

/// <summary>
/// CSL-JSON (application/vnd.citationstyles.csl+json), the item format of Citation Style Language processors
/// and Zotero: an array of items with <c>id</c>, <c>type</c>, <c>title</c>, <c>author</c>, <c>issued</c>….
/// </summary>
public static class CslJsonWriter
{
    public const string ContentType = "application/vnd.citationstyles.csl+json";

    static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Default };

    public static string Write(IEnumerable<PaperMetadata> papers)
    {
        var items = new JsonArray();
        foreach (var paper in papers) items.Add(Item(paper));
        return items.ToJsonString(Options);
    }

    /// <summary>The CSL item type for a BibTeX entry type (arXiv preprints are "article").</summary>
    public static string Type(PaperMetadata paper) => paper.EntryType switch
    {
        "inproceedings" or "proceedings" => "paper-conference",
        "article" => "article-journal",
        "incollection" => "chapter",
        "book" => "book",
        "phdthesis" or "mastersthesis" => "thesis",
        "techreport" => "report",
        _ => paper.ArxivId is not null ? "article" : "document",
    };

    static JsonObject Item(PaperMetadata p)
    {
        var item = new JsonObject
        {
            ["id"] = p.BibtexKey ?? p.Doi ?? p.ArxivId ?? p.Title,
            ["type"] = Type(p),
            ["title"] = p.Title,
        };
        if (p.BibtexKey is { Length: > 0 } key) item["citation-key"] = key;
        if (p.Authors.Count > 0)
        {
            var authors = new JsonArray();
            foreach (var author in p.Authors)
            {
                var name = NameParts.Parse(author);
                authors.Add(name.Family is null
                    ? new JsonObject { ["literal"] = name.Literal }
                    : new JsonObject { ["family"] = name.Family, ["given"] = name.Given });
            }
            item["author"] = authors;
        }
        if (p.PublishedOn is { } on)
        {
            item["issued"] = DateParts(on.Year, on.Month, on.Day);
        }
        else if (p.Year is { } year)
        {
            item["issued"] = DateParts(year);
        }
        if (p.Venue is { Length: > 0 } venue) item["container-title"] = venue;
        if (p.Doi is { Length: > 0 } doi) item["DOI"] = doi;
        if (p.Url is { Length: > 0 } url) item["URL"] = url;
        else if (p.ArxivId is { Length: > 0 } arxiv) item["URL"] = $"https://arxiv.org/abs/{arxiv}";
        if (p.ArxivId is { Length: > 0 } id) item["number"] = $"arXiv:{id}";
        if (p.Abstract is { Length: > 0 } abstractText) item["abstract"] = abstractText;
        if (p.Keywords.Count > 0) item["keyword"] = string.Join(", ", p.Keywords);
        return item;
    }

    static JsonObject DateParts(params int[] parts) => new() { ["date-parts"] = new JsonArray(new JsonArray(parts.Select(x => (JsonNode)x).ToArray())) };
}
