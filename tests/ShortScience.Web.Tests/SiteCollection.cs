namespace ShortScience.Web.Tests;

/// <summary>
/// Browser and page tests share a running site and a Chromium per collection. Collections run in parallel,
/// each on its own site (own database, API and Web hosts), so journeys that write never disturb the readers.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "site";
}

[CollectionDefinition(Name)]
public sealed class SummariesSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "summaries-site";
}

[CollectionDefinition(Name)]
public sealed class CommentsSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "comments-site";
}

[CollectionDefinition(Name)]
public sealed class HostileSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "hostile-site";
}
