using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record VoteRequest(int Value);

public sealed record VoteResult(string TargetType, long TargetId, int Score, int MyVote);

/// <summary>What a vote counts for.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<VoteTarget>))]
public enum VoteTarget { Summary = 0, Comment = 1 }
