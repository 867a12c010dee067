using Microsoft.AspNetCore.Http.HttpResults;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Core.Rendering;

namespace ShortScience.Api.Import;

/// <summary>Checks a hand-filled paper form and turns it into metadata.</summary>
static class ManualInput
{
    public static (PaperMetadata?, ProblemHttpResult?) Read(ManualPaper form)
    {
        if (Visible.IsBlank(form.Title)) return (null, Problems.BadRequest("A paper needs a title.", "title"));
        if (form.Title.Length > 1000) return (null, Problems.BadRequest("The title is longer than 1000 characters.", "title"));
        if (form.Year is < 1600 or > 2200) return (null, Problems.BadRequest("The year must be between 1600 and 2200.", "year"));
        if (!string.IsNullOrWhiteSpace(form.Doi) && !Doi.TryNormalize(form.Doi, out _))
        {
            return (null, Problems.BadRequest($"'{form.Doi}' is not a DOI (they look like 10.1234/abc).", "doi"));
        }
        if (!string.IsNullOrWhiteSpace(form.ArxivId) && !ArxivId.TryParse(form.ArxivId, out _))
        {
            return (null, Problems.BadRequest($"'{form.ArxivId}' is not an arXiv id (they look like 2401.01234).", "arxivId"));
        }
        var citationKey = string.IsNullOrWhiteSpace(form.CitationKey) ? null : form.CitationKey.Trim();
        if (citationKey is not null && (citationKey.Contains("://", StringComparison.Ordinal) || Citations.TryParseId(citationKey) is not { Kind: CitationKind.Key }))
        {
            return (null, Problems.BadRequest(
                $"'{citationKey}' is not a citation key: one word of letters, digits and _ : . / + - (an arXiv id or DOI goes in its own field).",
                "citationKey"));
        }
        foreach (var (url, field) in new[] { (form.Url, "url"), (form.PdfUrl, "pdfUrl") })
        {
            if (!string.IsNullOrWhiteSpace(url) && !IsWebAddress(url))
            {
                return (null, Problems.BadRequest($"'{url}' is not a web address.", field));
            }
        }
        var authors = (form.Authors ?? []).SelectMany(a => a.Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return (new PaperMetadata
        {
            Title = form.Title, Authors = [.. authors], Venue = form.Venue, Year = form.Year, Abstract = form.Abstract,
            Url = form.Url, PdfUrl = form.PdfUrl, Doi = form.Doi, ArxivId = form.ArxivId, BibtexKey = citationKey,
            Keywords = (form.Keywords ?? []).SelectMany(k => k.Split([',', ';'], StringSplitOptions.TrimEntries)).ToList(),
            Source = "manual",
        }, null);
    }

    public static bool IsWebAddress(string url) => Checks.IsWebAddress(url);
}
