using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Accounts;
using ShortScience.Api.Caching;
using ShortScience.Api.Extensions;
using ShortScience.Api.Moderation;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Figures;

/// <summary>
/// Figures of summaries: members upload images (<c>POST /api/v1/figures</c>, multipart field <c>file</c>), anyone
/// reads them (<c>GET /figures/{hash}.webp</c>, forwarded by the Web origin, immutable), moderators take them down.
/// </summary>
public static class FiguresApi
{
    public const string UploadPath = "/api/v1/figures";

    /// <summary>Room for the multipart envelope around the file (boundaries, part headers, small extra fields).</summary>
    public const long EnvelopeBytes = 64 * 1024;

    public static void MapFiguresApi(this RouteGroupBuilder api)
    {
        api.MapPost("/figures", UploadAsync).WithTags("Figures").DisableAntiforgery()
            .RequireAuthorization(Policies.Member).RequireRateLimiting(RateLimits.Figures);
        api.MapPost("/moderation/figures/{hash}/take-down", TakeDownAsync).WithTags("Moderation")
            .RequireAuthorization(Policies.Moderator);
    }

    public static void MapFigureFiles(this WebApplication app) =>
        app.MapGet("/figures/{name}.webp", ServeAsync).WithTags("Figures");

    static ProblemHttpResult Refused(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail, title: status switch
    {
        413 => "Too large",
        415 => "Not an accepted image",
        422 => "Image cannot be used",
        _ => "Invalid request",
    });

    static async Task<Results<Created<FigureUploaded>, ProblemHttpResult>> UploadAsync(
        HttpContext http, FigureProcessor processor, FigureLibrary library, CacheEviction caches, IOptions<FigureOptions> options, ILoggerFactory logs,
        CancellationToken ct)
    {
        var logger = logs.CreateLogger("ShortScience.Api.Figures.Upload");
        var max = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > max + EnvelopeBytes) return Refused(413, $"Figures are limited to {max / (1024 * 1024)} MB.");
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Refused(415, "Send the image as multipart/form-data in a field named \"file\".");

        byte[]? file = null;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 8 };
            for (var parts = 0; await reader.ReadNextSectionAsync(ct) is { } section; parts++)
            {
                if (parts >= 8) return Refused(400, "Too many form fields; send one field named \"file\".");
                var isFile = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == "file";
                if (isFile && file is not null) return Refused(400, "Send one figure at a time: the field \"file\" came twice.");
                if (!isFile)
                {
                    await section.Body.CopyToAsync(Stream.Null, ct); // another field: skip it (the envelope limit bounds it)
                    continue;
                }
                file = await ReadCappedAsync(section.Body, max, ct);
                if (file is null) return Refused(413, $"Figures are limited to {max / (1024 * 1024)} MB.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            return Refused(400, "The multipart body is malformed.");
        }
        if (file is null) return Refused(400, "There is no field named \"file\" with the image.");

        try
        {
            var processed = processor.Process(file);
            var kept = await library.KeepAsync(processed, http.User.RequiredUserId(), ct);
            // A new figure shows nowhere until a text links it (and that text's write evicts what it changes): no
            // cached read or page goes out of date, so none is evicted.
            caches.Unchanged();
            return TypedResults.Created(kept.Url, kept);
        }
        catch (FigureRefusedException refused)
        {
            logger.LogInformation("Refused a figure of {Bytes} bytes: {Status} {Reason}", file.Length, refused.Status, refused.Message);
            return Refused(refused.Status, refused.Message);
        }
        catch (FigureQuotaException quota)
        {
            return Refused(413, quota.Message);
        }
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; null when there is more.</summary>
    public static async Task<byte[]?> ReadCappedAsync(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The bytes of one figure, streamed from the store. Its name is its content, so it never changes: cached for a
    /// year as immutable, and a reader that has it (If-None-Match) gets 304 without a store read.
    /// </summary>
    static async Task<IResult> ServeAsync(string name, HttpContext http, ShortScienceDb db, IFigureStore store, CancellationToken ct)
    {
        if (!FigureLinks.TryParseName(name, out var hash, out var variant)) return Problems.NotFound("There is no such figure.");
        var rows = await db.Figures.AsNoTracking().Where(f => f.Hash == hash)
            .Select(f => new { f.Variant, f.ContentType, f.Length }).ToListAsync(ct);
        // A figure no wider than the column has no column variant: the original is the column size.
        var row = rows.FirstOrDefault(r => r.Variant == variant) ?? rows.FirstOrDefault(r => r.Variant == FigureLinks.Original);
        if (row is null) return Problems.NotFound("There is no such figure.");

        var etag = new EntityTagHeaderValue($"\"{hash}-{row.Variant}\"");
        var headers = http.Response.Headers;
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.ETag = etag.ToString();
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"; // shown by feed readers and pages elsewhere
        headers[CacheTags.Header] = CacheTags.Figure(hash); // the Web host keeps it until a removal evicts this tag
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } seen && seen.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        http.Response.ContentType = row.ContentType;
        http.Response.ContentLength = row.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return Results.Empty;
        if (!await store.CopyToAsync(hash, row.Variant, http.Response.Body, ct))
        {
            if (!http.Response.HasStarted)
            {
                http.Response.ContentLength = null;
                headers.Remove("Cache-Control");
                headers.Remove("ETag");
                headers.Remove(CacheTags.Header);
                return Problems.NotFound("The figure's bytes are missing.");
            }
            http.Abort();
        }
        return Results.Empty;
    }

    static async Task<Results<NoContent, ProblemHttpResult>> TakeDownAsync(
        string hash, ModerationRequest request, HttpContext http, ShortScienceDb db, FigureLibrary library, TimeProvider clock, CancellationToken ct)
    {
        if (!FigureLinks.IsHash(hash)) return Problems.NotFound("There is no such figure.");
        if (!await db.Figures.AnyAsync(f => f.Hash == hash, ct)) return Problems.NotFound("There is no such figure.");
        await library.RemoveAsync(hash, ct);
        ModerationLog.Add(db, http.User.RequiredUserId(), FigureLibrary.TakeDownAction, FigureLibrary.TakenDownType, hash, request.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
