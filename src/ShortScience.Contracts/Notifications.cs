using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record NotificationView(long Id, string Kind, string Text, string Url, DateTimeOffset CreatedAt, bool Read);

public sealed record UnreadCount(int Count);

public sealed record MarkReadRequest(IReadOnlyList<long>? Ids) : IValidatable
{
    public void Validate(Checks checks) => checks.Count("ids", Ids, Limits.KeysPerRequest, "notifications");
}

/// <summary>Why a person is notified.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<NotificationKind>))]
public enum NotificationKind { Comment = 0, Reply = 1, Moderation = 2, Question = 3, Answer = 4, Accepted = 5 }
