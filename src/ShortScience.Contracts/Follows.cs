using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

/// <summary>
/// Something a person follows. <see cref="Type"/> is venue, venue-year, year, tag, paper, author or user;
/// <see cref="Key"/> its slug or key ("neurips/2017" for a venue-year).
/// </summary>
public sealed record FollowView(string Type, string Key, string Title, string PagePath, string FeedPath, DateTimeOffset FollowedAt);

/// <summary>Whether the signed-in person follows one target (what a follow button shows).</summary>
public sealed record FollowState(string Type, string Key, bool Following);

/// <summary>The private "following" feed: a secret URL, to paste into a feed reader and keep to oneself.</summary>
public sealed record PrivateFeed(string Token, string RssUrl, string AtomUrl);

/// <summary>What a person can follow.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FollowTarget>))]
public enum FollowTarget { Venue = 0, VenueYear = 1, Tag = 2, Paper = 3, Author = 4, User = 5, Year = 6 }
