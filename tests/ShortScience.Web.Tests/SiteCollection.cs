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
public sealed class WritingSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "writing-site";
}

[CollectionDefinition(Name)]
public sealed class DiscussionSiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "discussion-site";
}
