using System.Text.Json;
using System.Text.Json.Nodes;
using ShortScience.Contracts;

namespace ShortScience.Web.Components.Pages.Papers;

/// <summary>
/// schema.org ScholarlyArticle for a paper page. System.Text.Json's default encoder writes &lt; &gt; &amp; as \u escapes,
/// and "&lt;/" is escaped once more on top, so no title or abstract can close the script element it sits in.
/// </summary>
public static class PaperJsonLd
{
    public static string Json(PaperDetail paper, string url)
    {
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ScholarlyArticle",
            ["headline"] = TextCut.Prefix(paper.Title, 110),
            ["name"] = paper.Title,
            ["url"] = url,
            ["author"] = new JsonArray([.. paper.Authors.Select(a => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = a.Name })]),
        };
        if (paper.Abstract is { Length: > 0 } abstractText) ld["abstract"] = abstractText;
        if (paper.PublishedOn is { } on) ld["datePublished"] = on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        else if (paper.Year is { } year) ld["datePublished"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (paper.Venue is { } venue) ld["isPartOf"] = new JsonObject { ["@type"] = "PublicationEvent", ["name"] = venue.Name };
        if (paper.Keywords.Count > 0) ld["keywords"] = string.Join(", ", paper.Keywords);
        var sameAs = new JsonArray();
        if (paper.ArxivId is { } arxiv) sameAs.Add($"https://arxiv.org/abs/{arxiv}");
        if (paper.Doi is { } doi) { sameAs.Add($"https://doi.org/{doi}"); ld["identifier"] = $"doi:{doi}"; }
        if (sameAs.Count > 0) ld["sameAs"] = sameAs;
        if (paper.Summaries.Count > 0) ld["commentCount"] = paper.Summaries.Count;
        return ld.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
    }

    public static string Script(PaperDetail paper, string url) => $"<script type=\"application/ld+json\">{Json(paper, url)}</script>";
}
