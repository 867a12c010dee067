namespace ShortScience.Api.Import;

/// <summary>Where the metadata services are and how patiently to ask them (configuration section "Import").</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    public string ArxivBaseUrl { get; set; } = "https://export.arxiv.org/";
    public string CrossrefBaseUrl { get; set; } = "https://api.crossref.org/";
    public string DataCiteBaseUrl { get; set; } = "https://api.datacite.org/";

    /// <summary>Crossref serves identified callers from its "polite" pool.</summary>
    public string ContactEmail { get; set; } = "admin@shortscience.invalid";

    /// <summary>One attempt's limit; a slow answer is tried again until <see cref="TotalTimeoutSeconds"/>.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;
    public double TotalTimeoutSeconds { get; set; } = 25;
    public int Retries { get; set; } = 2;
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>Largest .bib file accepted by POST /api/v1/papers/import.</summary>
    public long MaxBibtexBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// How long one .bib import may run: the entries not reached by then are reported as not imported, with the advice
    /// to send the file again (entries already here are recognized, so nothing is added twice). One request never holds
    /// a connection and a core for minutes, whatever the file.
    /// </summary>
    public double BibTimeLimitSeconds { get; set; } = 20;
}
