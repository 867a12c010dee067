using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using ShortScience.Api.Accounts;
using StackExchange.Redis;

namespace ShortScience.Api.Extensions;

/// <summary>
/// Per-person (or, signed out, per-address) limits on what spammers do: signing up, posting, voting, flagging, uploading figures.
/// Limits come from configuration (RateLimits:{Policy}:PermitLimit / WindowSeconds). With <c>ConnectionStrings:Redis</c>
/// set (several API replicas behind a balancer) the windows are counted in Redis (RedisRateLimiting), so a person's
/// requests spread over the replicas share one limit; on one machine they are counted in memory.
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
        // Connects in the background and keeps reconnecting, so a Redis outage fails single checks (see SharedOrLocal), not the host.
        var redis = configuration.GetConnectionString("Redis") is { Length: > 0 } connection
            ? new Lazy<IConnectionMultiplexer>(() =>
            {
                var redisOptions = ConfigurationOptions.Parse(connection);
                redisOptions.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(redisOptions);
            })
            : null;
        builder.Services.AddRateLimiter(options =>
        {
            foreach (var (name, permits, seconds) in Defaults)
            {
                var limit = configuration.GetValue($"RateLimits:{name}:PermitLimit", permits);
                var window = TimeSpan.FromSeconds(configuration.GetValue($"RateLimits:{name}:WindowSeconds", seconds));
                var local = new SlidingWindowRateLimiterOptions { PermitLimit = limit, Window = window, SegmentsPerWindow = 6, QueueLimit = 0 };
                options.AddPolicy(name, http => redis is null
                    ? RateLimitPartition.GetSlidingWindowLimiter($"{name}:{Who(http)}", _ => local)
                    : RateLimitPartition.Get($"{name}:{Who(http)}", key => new SharedOrLocal(
                        new RedisSlidingWindowRateLimiter<string>("shortscience:rate:" + key,
                            new RedisSlidingWindowRateLimiterOptions { ConnectionMultiplexerFactory = () => redis.Value, PermitLimit = limit, Window = window }),
                        new SlidingWindowRateLimiter(local))));
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

    /// <summary>
    /// The window counted in Redis, shared by every replica; while Redis cannot be reached, this replica's own count
    /// stands in (a person gets at most one window's worth per replica then), so an outage never turns a write into
    /// an error.
    /// </summary>
    sealed class SharedOrLocal(RateLimiter shared, RateLimiter local) : RateLimiter
    {
        // Redis's limiter keeps nothing in memory; the local window is what must not be thrown away while it counts.
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // Redis's limiter cannot answer without a round trip, so the synchronous attempt (which the middleware makes
        // first) is refused and the asynchronous one below decides; the local window counts each request once, there.
        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            try
            {
                var lease = shared.AttemptAcquire(permitCount);
                if (lease.IsAcquired) local.AttemptAcquire(permitCount).Dispose();
                return lease;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return local.AttemptAcquire(permitCount);
            }
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct)
        {
            // The local window counts every request too, so it holds the recent past when it has to stand in.
            var fallback = await local.AcquireAsync(permitCount, ct);
            try
            {
                var lease = await shared.AcquireAsync(permitCount, ct);
                fallback.Dispose();
                return lease;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return fallback;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            shared.Dispose();
            local.Dispose();
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await shared.DisposeAsync();
            await local.DisposeAsync();
        }
    }
}
