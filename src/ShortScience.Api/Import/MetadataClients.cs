using System.Net;
using Polly.Timeout;
using ShortScience.Core.Import;

namespace ShortScience.Api.Import;

/// <summary>arXiv's query API: export.arxiv.org/api/query?id_list=….</summary>
public sealed class ArxivClient(HttpClient http)
{
    public async Task<PaperMetadata> GetAsync(ArxivId id, CancellationToken ct)
    {
        var body = await Upstream.GetAsync(http, "arXiv", $"api/query?id_list={Uri.EscapeDataString(id.Id)}&max_results=1", ct)
            ?? throw new ImportRefusedException($"arXiv has no paper {id.Id}.");
        var papers = Upstream.Parse("arXiv", () => ArxivAtom.Parse(body));
        return papers.FirstOrDefault() ?? throw new ImportRefusedException($"arXiv has no paper {id.Id}.");
    }
}

/// <summary>Crossref's REST API: api.crossref.org/works/{doi}.</summary>
public sealed class CrossrefClient(HttpClient http)
{
    /// <returns>Null when Crossref does not know the DOI (DataCite may).</returns>
    public async Task<PaperMetadata?> GetAsync(string doi, CancellationToken ct)
    {
        var body = await Upstream.GetAsync(http, "Crossref", $"works/{Upstream.DoiPath(doi)}", ct);
        return body is null ? null : Upstream.Parse("Crossref", () => CrossrefJson.Parse(body));
    }
}

/// <summary>DataCite's REST API: api.datacite.org/dois/{doi} (Zenodo, repositories, arXiv DOIs).</summary>
public sealed class DataCiteClient(HttpClient http)
{
    public async Task<PaperMetadata?> GetAsync(string doi, CancellationToken ct)
    {
        var body = await Upstream.GetAsync(http, "DataCite", $"dois/{Upstream.DoiPath(doi)}", ct);
        if (body is null) return null;
        try
        {
            return DataCiteJson.Parse(body);
        }
        catch (MetadataSourceException ex) when (ex.Failure == SourceFailure.NotFound)
        {
            return null;
        }
        catch (MetadataSourceException ex)
        {
            throw new UpstreamException(StatusCodes.Status502BadGateway, ex.Message, ex);
        }
    }
}

static class Upstream
{
    /// <summary>The body of a 2xx answer, null for 404; anything else is the service's failure.</summary>
    public static async Task<string?> GetAsync(HttpClient http, string service, string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                throw new ImportRefusedException($"{service} refused the identifier.");
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new UpstreamException(StatusCodes.Status502BadGateway,
                    $"{service} answered {(int)response.StatusCode} {response.ReasonPhrase}. Please try again later.");
            }
            return await response.Content.ReadAsStringAsync(ct);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new UpstreamException(StatusCodes.Status504GatewayTimeout, $"{service} did not answer in time. Please try again later.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(StatusCodes.Status502BadGateway, $"{service} could not be reached. Please try again later.", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UpstreamException(StatusCodes.Status504GatewayTimeout, $"{service} did not answer in time. Please try again later.", ex);
        }
    }

    public static T Parse<T>(string service, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (MetadataSourceException ex) when (ex.Failure == SourceFailure.Garbage)
        {
            throw new UpstreamException(StatusCodes.Status502BadGateway, $"{ex.Message} Please try again later.", ex);
        }
        catch (MetadataSourceException ex)
        {
            throw new ImportRefusedException(ex.Message);
        }
    }

    /// <summary>A DOI as a path: each segment escaped, the slashes kept, as the services expect.</summary>
    public static string DoiPath(string doi) => string.Join('/', doi.Split('/').Select(Uri.EscapeDataString));
}
