namespace ShortScience.Api.Replicas;

/// <summary>
/// Reads from PostgreSQL hot standbys (<c>Database:Standby</c>), active when <c>ConnectionStrings:ShortScienceStandby</c>
/// is set. See docs/scaling.md.
/// </summary>
public sealed class StandbyOptions
{
    /// <summary>A standby further behind the primary than this is not read from (nor, with it, any standby).</summary>
    public int MaxLagMilliseconds { get; set; } = 2000;

    /// <summary>How often the primary's WAL position and each standby's replay position are sampled.</summary>
    public int CheckMilliseconds { get; set; } = 250;

    /// <summary>
    /// How long a client that wrote reads from the primary afterwards (read-your-writes). Longer than the lag limit
    /// plus a check, so by the time the pin runs out any standby still read from has replayed the write.
    /// </summary>
    public int PinSeconds { get; set; } = 5;
}
