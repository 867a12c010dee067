using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ShortScience.Api.Security;

/// <summary>
/// Input that slipped past an endpoint's own checks and failed deeper down (malformed JSON read by hand, text
/// PostgreSQL cannot store, a value longer than its column) is the client's mistake: a 400/413 problem, not a 500.
/// The failing statement ran inside the request's transaction, so nothing of it was written. A write that lost a race
/// against an identical one (a unique key taken a moment ago, a row changed since it was read) is a 409, whatever
/// endpoint it came through.
/// </summary>
public sealed partial class InputProblems(IProblemDetailsService problems, ILogger<InputProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        var parameter = exception is BadHttpRequestException { StatusCode: 400 } bad ? QueryValueProblem(bad.Message) : null;
        var (status, detail) = (exception, postgres?.SqlState) switch
        {
            _ when parameter is { } value => (400, value.Detail),
            (JsonException or BadHttpRequestException { StatusCode: 400 }, _) => (400, "The request body is not valid JSON of the expected shape."),
            (BadHttpRequestException { StatusCode: 413 }, _) => (413, "The request body is too large."),
            (BadHttpRequestException { StatusCode: 415 }, _) => (415, "The request body must be JSON (Content-Type: application/json)."),
            (BadHttpRequestException { StatusCode: var code and >= 400 and < 500 }, _) => (code, "The request could not be read."),
            // A row changed or went between reading and saving it (two moderators, a double click on a hide).
            (DbUpdateConcurrencyException, _) => (409, "Another request changed the same thing at the same moment. Reload and try again."),
            (_, PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter) =>
                (400, "The text contains characters that cannot be stored, such as NUL (\\u0000)."),
            (_, PostgresErrorCodes.StringDataRightTruncation) => (400, "A value is longer than its field allows."),
            (_, PostgresErrorCodes.NumericValueOutOfRange) => (400, "A number is out of range."),
            (_, PostgresErrorCodes.ProgramLimitExceeded) => (413, "A value is too large to store."),
            // Two writes of the same thing at the same moment (a double click, two tabs): one wins, the other is told.
            (_, PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected) =>
                (409, "Another request changed the same thing at the same moment. Reload and try again."),
            _ => (0, ""),
        };
        if (status == 0) return false;
        logger.LogWarning("Refused input on {Path}: {Reason}", context.Request.Path, exception.Message);
        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = status switch { 413 => "Too large", 409 => "Conflict", 415 => "Unsupported media type", _ => "Invalid input" }, Detail = detail },
            Exception = exception,
        };
        if (parameter is { } named) problem.ProblemDetails.Extensions["parameter"] = named.Parameter;
        return await problems.TryWriteAsync(problem);
    }

    /// <summary>
    /// A query or route value the framework could not read as its parameter's type (<c>?limit=abc</c>), or a required
    /// one left out: the problem names the parameter and what it takes, not the body (a GET has none).
    /// </summary>
    internal static (string Parameter, string Detail)? QueryValueProblem(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var value = failed.Groups["value"].Value;
            if (value.Length > 60) value = value[..60] + "…";
            return (name, $"'{name}' takes {What(failed.Groups["type"].Value)}; '{value}' is not one.");
        }
        if (Missing().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return (name, $"'{name}' is required: {What(missing.Groups["type"].Value)}.");
        }
        return null;
    }

    /// <summary>The kind of value a parameter type takes, in words ("int?", "Nullable<int>" and "Int32" alike).</summary>
    static string What(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?').ToLowerInvariant() switch
    {
        "int" or "long" or "short" or "int16" or "int32" or "int64" or "uint" or "ulong" => "a whole number",
        "double" or "decimal" or "float" or "single" => "a number",
        "bool" or "boolean" => "true or false",
        "dateonly" => "a date (2026-12-31)",
        "datetime" or "datetimeoffset" => "a date and time",
        "guid" => "an identifier",
        _ => "a value of another form",
    };

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FailedToBind();

    [System.Text.RegularExpressions.GeneratedRegex("^Required parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\" was not provided from (?:query string|route|header)")]
    private static partial System.Text.RegularExpressions.Regex Missing();
}

/// <summary>
/// Refuses a declared body over the route's limit before anything reads it, and holds an undeclared (chunked) body
/// to the same limit while it is read. Figure uploads have their own (larger, configurable) limit.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public const long MaxBodyBytes = 6 * 1024 * 1024;

    readonly long _figureBodyBytes = Figures.FigureServices.MaxUploadBodyBytes(configuration);

    public async Task InvokeAsync(HttpContext context)
    {
        var figures = context.Request.Path.StartsWithSegments(Figures.FiguresApi.UploadPath, StringComparison.OrdinalIgnoreCase);
        var limit = figures ? _figureBodyBytes : MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            var detail = figures
                ? $"Figures are limited to {(limit - Figures.FiguresApi.EnvelopeBytes) / (1024 * 1024)} MB."
                : $"Request bodies are limited to {limit / (1024 * 1024)} MB.";
            await Results.Problem(statusCode: 413, title: "Too large", detail: detail).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        await next(context);
    }
}
