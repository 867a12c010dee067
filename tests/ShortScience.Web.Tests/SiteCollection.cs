namespace ShortScience.Web.Tests;

/// <summary>Browser and page tests share one running site and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteFixture>, ICollectionFixture<Browser>
{
    public const string Name = "site";
}
