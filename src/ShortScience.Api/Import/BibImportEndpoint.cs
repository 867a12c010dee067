using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ShortScience.Api.Accounts;
using ShortScience.Api.Extensions;
using ShortScience.Contracts;

namespace ShortScience.Api.Import;

/// <summary>
/// POST /api/v1/papers/import: a .bib file as a multipart upload ("file") or as the request body. With
/// <c>?progress={token}</c> (8 to 64 letters, digits, '-' or '_', e.g. a UUID) how far it has come can be asked while
/// it runs: GET /api/v1/papers/import/progress/{token}.
/// </summary>
static class BibImportEndpoint
{
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static async Task<Results<Ok<BibImportReport>, ProblemHttpResult>> ImportAsync(
        HttpContext http, BibImporter importer, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxBibtexBytes;
        if (http.Request.ContentLength > limit) return TooLarge(limit);
        string? progress = null;
        if (http.Request.Query.TryGetValue("progress", out var asked))
        {
            progress = asked.ToString();
            if (!ImportProgressView.IsToken(progress))
            {
                return Problems.BadRequest($"'progress' names the import with 8 to {Limits.ImportProgressTokenChars} letters, digits, '-' or '_' (a UUID will do).", "progress");
            }
        }

        byte[]? bytes;
        if (http.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException { StatusCode: 400 })
            {
                // A multipart body without its closing boundary, or with broken headers.
                return Problems.BadRequest($"The upload could not be read: {ex.Message}", "file");
            }
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is not null)
            {
                if (file.Length > limit) return TooLarge(limit);
                await using var stream = file.OpenReadStream();
                bytes = await ReadAsync(stream, limit, ct);
            }
            else
            {
                bytes = form.TryGetValue("bibtex", out var text) ? Encoding.UTF8.GetBytes(text.ToString()) : [];
            }
        }
        else
        {
            bytes = await ReadAsync(http.Request.Body, limit, ct);
        }
        if (bytes is null || bytes.Length > limit) return TooLarge(limit);
        if (bytes.Length == 0) return Problems.BadRequest("Send a .bib file: as the request body, or as the form field 'file'.", "file");

        var decoded = Decode(bytes);
        if (Security.TextGuard.Unstorable(decoded) is { } why) return Problems.BadRequest($"The file cannot be imported: {why}", "file");
        var report = await importer.ImportAsync(decoded, http.User.RequiredUserId(), http.User.IsModerator(), ct, progress);
        return TypedResults.Ok(report);
    }

    /// <summary>UTF-8 as it should be; a file that is not valid UTF-8 is one of the many saved as Latin-1.</summary>
    static string Decode(byte[] bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Reads at most one byte over the limit, so a body without a length cannot fill the memory.</summary>
    static async Task<byte[]?> ReadAsync(Stream stream, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
        return buffer.ToArray();
    }

    static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "File too large", detail: $"A .bib file may be at most {limit / 1024 / 1024.0:0.#} MB; split it and import the parts.");

    /// <summary>GET /api/v1/papers/import/progress/{token}: how far the member's own import under that token has come.</summary>
    public static async Task<Results<Ok<ImportProgressView>, ProblemHttpResult>> ProgressAsync(
        string token, HttpContext http, ImportProgressStore progress, CancellationToken ct) =>
        ImportProgressView.IsToken(token) && await progress.ReadAsync(token, http.User.RequiredUserId(), ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("No import of yours goes by that progress token (it is kept for a day after the import).");
}
