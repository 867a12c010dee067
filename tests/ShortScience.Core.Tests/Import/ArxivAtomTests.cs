using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class ArxivAtomTests
{
    [Fact]
    public void ReadsAPaperFromTheQueryFeed()
    {
        var paper = Assert.Single(ArxivAtom.Parse(Fixture.Read("arxiv/1706.03762.xml"))).Cleaned();

        Assert.Equal("Attention Is All You Need", paper.Title);
        Assert.Equal(8, paper.Authors.Count);
        Assert.Equal(("Ashish Vaswani", "Illia Polosukhin"), (paper.Authors[0], paper.Authors[^1]));
        Assert.Equal(("1706.03762", 2017, new DateOnly(2017, 6, 12)), (paper.ArxivId, paper.Year, paper.PublishedOn));
        Assert.Equal(("arXiv", "https://arxiv.org/abs/1706.03762", "https://arxiv.org/pdf/1706.03762"), (paper.Venue, paper.Url, paper.PdfUrl));
        Assert.Equal(["cs.CL", "cs.LG"], paper.Categories);
        Assert.StartsWith("Sequence transduction models have long been built", paper.Abstract);
        Assert.DoesNotContain("\n", paper.Abstract);
        Assert.False(paper.Withdrawn);
    }

    [Fact]
    public void RepairsMojibakeInAuthorNames()
    {
        var paper = Assert.Single(ArxivAtom.Parse(Fixture.Read("arxiv/1609.03499.xml"))).Cleaned();
        Assert.Equal("Aäron van den Oord", paper.Authors[0]);
    }

    [Fact]
    public void ReadsAnOldStyleIdWithItsDoi()
    {
        var paper = Assert.Single(ArxivAtom.Parse(Fixture.Read("arxiv/hep-th-9901001.xml"))).Cleaned();
        Assert.Equal(("hep-th/9901001", "10.1016/s0550-3213(99)00125-x", 1999), (paper.ArxivId, paper.Doi, paper.Year));
        Assert.Equal(["Jürgen Fuchs", "Christoph Schweigert"], paper.Authors);
        // "Nucl.Phys. B549" is not a venue the catalogue knows: the paper stays an arXiv paper.
        Assert.Equal("arXiv", paper.Venue);
    }

    [Fact]
    public void TakesTheVenueFromAJournalReferenceTheCatalogueKnows()
    {
        var paper = Assert.Single(ArxivAtom.Parse(Fixture.Read("arxiv/1412.6980.xml")));
        Assert.Equal("iclr", VenueCatalogue.Default.Match(paper.Venue!)?.Slug);
        Assert.Equal(2015, paper.Year);
    }

    [Fact]
    public void MarksWithdrawnPapers() =>
        Assert.True(Assert.Single(ArxivAtom.Parse(Fixture.Read("arxiv/1203.4567.xml"))).Withdrawn);

    [Theory]
    [InlineData("arxiv/empty.xml")]
    [InlineData("arxiv/missing-entry.xml")]
    public void AnIdArxivDoesNotHaveGivesNoPaper(string fixture) => Assert.Empty(ArxivAtom.Parse(Fixture.Read(fixture)));

    [Fact]
    public void AnErrorEntryBecomesARefusal()
    {
        var ex = Assert.Throws<MetadataSourceException>(() => ArxivAtom.Parse(Fixture.Read("arxiv/error-bad-id.xml")));
        Assert.Equal(SourceFailure.Refused, ex.Failure);
        Assert.Contains("incorrect id format for 1706.0376", ex.Message);
    }

    [Theory]
    [InlineData("<html><body>Service Unavailable</body></html>")]
    [InlineData("not xml at all")]
    [InlineData("<?xml version=\"1.0\"?><rss><channel/></rss>")]
    public void GarbageIsReportedAsGarbage(string body) =>
        Assert.Equal(SourceFailure.Garbage, Assert.Throws<MetadataSourceException>(() => ArxivAtom.Parse(body)).Failure);
}
