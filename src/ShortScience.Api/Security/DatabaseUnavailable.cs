using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ShortScience.Api.Security;

/// <summary>
/// PostgreSQL down or unreachable: answer 503 with Retry-After at once, so clients (and the Web host) can say
/// "try again shortly". Npgsql reconnects by itself when the server is back; nothing needs restarting.
/// </summary>
public sealed class DatabaseUnavailable(IProblemDetailsService problems, ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!IsOutage(exception)) return false;
        logger.LogError("Database unavailable for {Path}: {Reason}", context.Request.Path, exception.GetBaseException().Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new()
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = 503, Title = "Temporarily unavailable",
                Detail = "The database cannot be reached right now. Nothing was changed; please try again in a few seconds.",
            },
            Exception = exception,
        });
    }

    internal static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                    or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case NpgsqlException when e is not PostgresException && e.Message.Contains("connect", StringComparison.OrdinalIgnoreCase):
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
