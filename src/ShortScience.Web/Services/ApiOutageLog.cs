using ShortScience.Web.Clients;

namespace ShortScience.Web.Services;

/// <summary>
/// While the API is away every page fails the same way; logging each failure with its stack would bury the log (a
/// busy site writes hundreds a second). The first failure is logged as an error with its cause, then at most one
/// report per <see cref="Interval"/> saying how many more there were; the request log still has one line per request
/// with its 503.
/// </summary>
public sealed class ApiOutageLog(ILogger<ApiOutageLog> logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    readonly Lock _gate = new();
    DateTimeOffset _lastReport = DateTimeOffset.MinValue;
    long _since;

    /// <summary>
    /// Takes over the logging of an exception that means the API could not serve the page (true: the caller logs
    /// nothing more); any other exception is left to the caller (false).
    /// </summary>
    public bool Report(Exception exception)
    {
        if (exception is not ApiUnavailableException) return false;
        long more;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _lastReport < Interval)
            {
                _since++;
                return true;
            }
            more = _since;
            _since = 0;
            _lastReport = now;
        }
        if (more == 0)
        {
            logger.LogError(exception, "The API could not serve a page; further failures are counted for {Interval}", Interval);
        }
        else
        {
            logger.LogError(exception, "The API could not serve a page; {Failures} more failures since the last report", more);
        }
        return true;
    }
}
