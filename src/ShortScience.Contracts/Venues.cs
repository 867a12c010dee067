using System.Text.Json.Serialization;

namespace ShortScience.Contracts;

public sealed record VenueListItem(string Slug, string ShortName, string Name, VenueKind Kind, int PaperCount, int SummaryCount);

public sealed record VenueYear(int Year, int PaperCount, int SummaryCount);

public sealed record VenueDetail(string Slug, string ShortName, string Name, VenueKind Kind, string? Url, IReadOnlyList<VenueYear> Years);

public sealed record VenueYearListing(VenueDetail Venue, int Year, PaperListing Papers);

/// <summary>Merges the venue or author in the URL into <see cref="Into"/> (a slug).</summary>
public sealed record MergeRequest(string Into, string? Reason = null) : IValidatable
{
    public void Validate(Checks checks) => checks
        .Text("into", Into, Limits.PaperKeyChars, "the slug to merge into").Text("reason", Reason, Limits.ModerationReasonChars, "a reason");
}

/// <summary>What kind of venue publishes a paper.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<VenueKind>))]
public enum VenueKind { Conference = 0, Journal = 1, Workshop = 2, Preprint = 3, Other = 4 }
