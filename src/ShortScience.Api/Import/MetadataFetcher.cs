using ShortScience.Core.Import;

namespace ShortScience.Api.Import;

/// <summary>Turns an arXiv id or DOI into metadata: arXiv for arXiv ids, Crossref then DataCite for DOIs.</summary>
public sealed class MetadataFetcher(ArxivClient arxiv, CrossrefClient crossref, DataCiteClient dataCite, ILogger<MetadataFetcher> logger)
{
    public async Task<PaperMetadata> FetchAsync(ImportInput input, CancellationToken ct)
    {
        switch (input.Kind)
        {
            case InputKind.Arxiv:
                ArxivId.TryParse(input.Value, out var id);
                logger.LogInformation("Fetching arXiv {ArxivId}", id.Id);
                return await arxiv.GetAsync(id, ct);
            case InputKind.Doi:
                logger.LogInformation("Fetching DOI {Doi}", input.Value);
                return await crossref.GetAsync(input.Value, ct)
                    ?? await dataCite.GetAsync(input.Value, ct)
                    ?? throw new ImportRefusedException($"Neither Crossref nor DataCite knows the DOI {input.Value}.");
            default:
                throw new InvalidOperationException($"{input.Kind} input is not fetched.");
        }
    }
}
