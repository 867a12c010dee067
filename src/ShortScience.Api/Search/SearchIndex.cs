using Npgsql;

namespace ShortScience.Api.Search;

/// <summary>
/// Whether the database has the RUM index (ix_papers_search_rum, created by the Discovery migration where the
/// extension is installed). Checked on first use and every few minutes, so installing RUM later and re-running the
/// migration's DO block takes effect without a restart. Search:Rum=off forces the fallback (tests use it).
/// </summary>
public sealed class SearchIndex(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<SearchIndex> logger)
{
    static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);
    bool _rum;
    DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    public async ValueTask<bool> HasRumAsync(CancellationToken ct)
    {
        if (string.Equals(configuration["Search:Rum"], "off", StringComparison.OrdinalIgnoreCase)) return false;
        if (DateTimeOffset.UtcNow - _checkedAt < Recheck) return _rum;
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'ix_papers_search_rum')");
        var rum = (bool)(await command.ExecuteScalarAsync(ct))!;
        if (rum != _rum || _checkedAt == DateTimeOffset.MinValue)
        {
            logger.LogInformation("Search ranks with {Method}", rum ? "the RUM index" : "a bounded candidate set from the GIN index");
        }
        (_rum, _checkedAt) = (rum, DateTimeOffset.UtcNow);
        return rum;
    }
}
