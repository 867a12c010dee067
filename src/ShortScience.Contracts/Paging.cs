namespace ShortScience.Contracts;

/// <summary>One page of a keyset-paginated list; pass <see cref="NextCursor"/> back for the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
