using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record VoteRequest(int Value) : IValidatable
{
    public void Validate(Checks checks) => checks.Range("value", Value, -1, 1, "a vote (-1, 0 to remove, or 1)");
}

public sealed record VoteResult(string TargetType, long TargetId, int Score, int MyVote);

/// <summary>What a vote counts for.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<VoteTarget>))]
public enum VoteTarget { Summary = 0, Comment = 1, Question = 2, Answer = 3 }
