namespace ShortScience.Contracts;

public sealed record AuthorListing(string Slug, string Name, IReadOnlyList<string> OtherNames, PaperListing Papers);

public sealed record AuthorDetail(string Slug, string Name, IReadOnlyList<string> OtherNames, IReadOnlyList<PaperListItem> Papers);
