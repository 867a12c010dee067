using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Follow
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public FollowTarget TargetType { get; set; }

    /// <summary>Slug or key of the target; a venue-year is "slug/2017".</summary>
    public string TargetKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
