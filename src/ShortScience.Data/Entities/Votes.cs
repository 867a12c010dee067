using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Vote
{
    public Guid UserId { get; set; }
    public VoteTarget TargetType { get; set; }
    public long TargetId { get; set; }

    /// <summary>+1 or -1; removing a vote deletes the row.</summary>
    public short Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
