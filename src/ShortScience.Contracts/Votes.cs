using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

/// <param name="Value">Required: -1, 1, or 0 to remove one's vote. A body without it (<c>{}</c>) is refused, not read as 0.</param>
public sealed record VoteRequest(int? Value) : IValidatable
{
    public void Validate(Checks checks)
    {
        if (Value is null) checks.Add("value", "Say how you vote: -1, 1, or 0 to remove your vote.");
        checks.Range("value", Value, -1, 1, "a vote (-1, 0 to remove, or 1)");
    }
}

public sealed record VoteResult(string TargetType, long TargetId, int Score, int MyVote);

/// <summary>What a vote counts for.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<VoteTarget>))]
public enum VoteTarget { Summary = 0, Comment = 1, Question = 2, Answer = 3 }
