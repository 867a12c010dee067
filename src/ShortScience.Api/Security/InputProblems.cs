using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ShortScience.Api.Security;

/// <summary>
/// Input that slipped past an endpoint's own checks and failed deeper down (malformed JSON read by hand, text
/// PostgreSQL cannot store, a value longer than its column) is the client's mistake: a 400/413 problem, not a 500.
/// The failing statement ran inside the request's transaction, so nothing of it was written.
/// </summary>
public sealed class InputProblems(IProblemDetailsService problems, ILogger<InputProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        var (status, detail) = (exception, postgres?.SqlState) switch
        {
            (JsonException or BadHttpRequestException { StatusCode: 400 }, _) => (400, "The request body is not valid JSON of the expected shape."),
            (BadHttpRequestException { StatusCode: 413 }, _) => (413, "The request body is too large."),
            (_, PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter) =>
                (400, "The text contains characters that cannot be stored, such as NUL (\\u0000)."),
            (_, PostgresErrorCodes.StringDataRightTruncation) => (400, "A value is longer than its field allows."),
            (_, PostgresErrorCodes.NumericValueOutOfRange) => (400, "A number is out of range."),
            (_, PostgresErrorCodes.ProgramLimitExceeded) => (413, "A value is too large to store."),
            _ => (0, ""),
        };
        if (status == 0) return false;
        logger.LogWarning("Refused input on {Path}: {Reason}", context.Request.Path, exception.Message);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = status == 413 ? "Too large" : "Invalid input", Detail = detail },
            Exception = exception,
        });
    }
}

/// <summary>Refuses a declared body over the limit before anything reads it (Kestrel also enforces it).</summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public const long MaxBodyBytes = 6 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(statusCode: 413, title: "Too large",
                detail: $"Request bodies are limited to {MaxBodyBytes / (1024 * 1024)} MB.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
