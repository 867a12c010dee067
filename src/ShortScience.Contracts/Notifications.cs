using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record NotificationView(long Id, string Kind, string Text, string Url, DateTimeOffset CreatedAt, bool Read);

public sealed record UnreadCount(int Count);

/// <summary>Whether notification emails are on, as seen through the secret link of a mail.</summary>
public sealed record EmailSubscription(bool EmailNotifications);

public sealed record MarkReadRequest(IReadOnlyList<long>? Ids) : IValidatable
{
    public void Validate(Checks checks) => checks.Count("ids", Ids, Limits.KeysPerRequest, "notifications");
}

/// <summary>Why a person is notified.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<NotificationKind>))]
public enum NotificationKind { Comment = 0, Reply = 1, Moderation = 2, Question = 3, Answer = 4, Accepted = 5 }
