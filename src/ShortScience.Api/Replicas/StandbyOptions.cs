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

    /// <summary>
    /// When a write has reached every standby still read from: the lag limit, a check to notice a standby past it and
    /// one for the check's own time, and a second for a read that was already under way there to finish. What the
    /// write evicted is evicted again then (<see cref="StandbySettling"/>).
    /// </summary>
    public TimeSpan SettledAfter => TimeSpan.FromMilliseconds(MaxLagMilliseconds + 2L * CheckMilliseconds + 1000);
}
