using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ShortScience.Api.Accounts;

namespace ShortScience.Api.Extensions;

/// <summary>
/// Per-person (or, signed out, per-address) limits on what spammers do: signing up, posting, voting, flagging, uploading figures.
/// Limits come from configuration (RateLimits:{Policy}:PermitLimit / WindowSeconds).
/// </summary>
public static class RateLimits
{
    public const string SignUp = "signup";
    public const string Posting = "posting";
    public const string Voting = "voting";
    public const string Flagging = "flagging";
    public const string Preview = "preview";
    public const string Views = "views";
    public const string Figures = "figures";

    static readonly (string Name, int Permits, int Seconds)[] Defaults =
    [
        (SignUp, 5, 3600), (Posting, 30, 600), (Voting, 120, 600), (Flagging, 20, 3600), (Preview, 60, 60), (Views, 300, 60), (Figures, 60, 3600),
    ];

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddRateLimiter(options =>
        {
            foreach (var (name, permits, seconds) in Defaults)
            {
                var limit = configuration.GetValue($"RateLimits:{name}:PermitLimit", permits);
                var window = TimeSpan.FromSeconds(configuration.GetValue($"RateLimits:{name}:WindowSeconds", seconds));
                options.AddPolicy(name, http => RateLimitPartition.GetSlidingWindowLimiter(
                    $"{name}:{Who(http)}",
                    _ => new SlidingWindowRateLimiterOptions { PermitLimit = limit, Window = window, SegmentsPerWindow = 6, QueueLimit = 0 }));
            }
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"You are doing that too often. Please wait {Math.Max(1, (int)Math.Ceiling(retry / 60.0))} minute(s) and try again.")
                    .ExecuteAsync(http);
            };
        });
    }

    /// <summary>The signed-in person, else the client address (forwarded by the Web host).</summary>
    static string Who(HttpContext http) =>
        http.User.UserId()?.ToString() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
