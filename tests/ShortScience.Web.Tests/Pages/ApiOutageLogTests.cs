using Microsoft.Extensions.Logging;
using ShortScience.Web.Clients;
using ShortScience.Web.Services;

namespace ShortScience.Web.Tests.Pages;

/// <summary>An API outage is reported once, then as a count at most every 30 s; nothing else is taken over.</summary>
public sealed class ApiOutageLogTests
{
    sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    sealed class Recorded : ILogger<ApiOutageLog>
    {
        public List<(LogLevel Level, Exception? Exception, IReadOnlyDictionary<string, object?> State)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception, (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary() ?? []));
    }

    [Fact]
    public void TheFirstFailureIsLoggedThenACountAtMostOncePerInterval()
    {
        var clock = new ManualClock();
        var log = new Recorded();
        var outages = new ApiOutageLog(log, clock);

        Assert.True(outages.Report(new ApiUnavailableException("first")));
        for (var i = 0; i < 5; i++)
        {
            clock.Now += TimeSpan.FromSeconds(5);
            Assert.True(outages.Report(new ApiUnavailableException($"again {i}")));
        }
        var first = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Error, "first"), (first.Level, first.Exception?.Message));

        clock.Now += ApiOutageLog.Interval;
        Assert.True(outages.Report(new ApiUnavailableException("later")));
        Assert.Equal(2, log.Entries.Count);
        Assert.Equal(5L, log.Entries[1].State["Failures"]);
        Assert.Equal("later", log.Entries[1].Exception?.Message);
    }

    [Fact]
    public void OtherFailuresAreLeftToTheCaller()
    {
        var log = new Recorded();
        var outages = new ApiOutageLog(log, new ManualClock());

        Assert.False(outages.Report(new InvalidOperationException("a bug of ours")));
        Assert.Empty(log.Entries);
    }
}
