using ShortScience.Contracts;

namespace ShortScience.Data.Entities;

public sealed class Venue
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string ShortName { get; set; } = "";
    public VenueKind Kind { get; set; }

    /// <summary>Broad field (cs, stat, q-bio, physics, math …) used by home-page filters.</summary>
    public string? Field { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when a moderator merged this venue into another; lookups follow it.</summary>
    public int? MergedIntoId { get; set; }
    public List<VenueAlias> Aliases { get; set; } = [];
    public List<Paper> Papers { get; set; } = [];
}

public sealed class VenueAlias
{
    public int Id { get; set; }
    public int VenueId { get; set; }
    public Venue Venue { get; set; } = null!;
    public string Alias { get; set; } = "";

    /// <summary>Lower-cased, punctuation-free form used for matching imported names.</summary>
    public string Normalized { get; set; } = "";
}
