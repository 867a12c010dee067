using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class CrossrefJsonTests
{
    [Fact]
    public void ReadsAProceedingsArticleWithItsPreprintLink()
    {
        var paper = CrossrefJson.Parse(Fixture.Read("crossref/10.1109-cvpr.2016.90.json")).Cleaned();

        Assert.Equal("Deep Residual Learning for Image Recognition", paper.Title);
        Assert.Equal(["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"], paper.Authors);
        Assert.Equal(("10.1109/cvpr.2016.90", 2016, "inproceedings"), (paper.Doi, paper.Year, paper.EntryType));
        Assert.Equal("cvpr", VenueCatalogue.Default.Match(paper.Venue!)?.Slug);
        Assert.Equal("1512.03385", paper.ArxivId);
        Assert.Equal(new DateOnly(2016, 6, 1), paper.PublishedOn);
    }

    [Fact]
    public void ReadsAJournalArticleWithAJatsAbstractAndPdfLink()
    {
        var paper = CrossrefJson.Parse(Fixture.Read("crossref/10.1038-nature16961.json")).Cleaned();

        Assert.Equal(("Nature", "article", new DateOnly(2016, 1, 28)), (paper.Venue, paper.EntryType, paper.PublishedOn));
        Assert.StartsWith("The game of Go has long been viewed", paper.Abstract);
        Assert.Contains("combines policy and value networks", paper.Abstract);
        Assert.DoesNotContain("<", paper.Abstract);
        Assert.Equal("https://www.nature.com/articles/nature16961.pdf", paper.PdfUrl);
        Assert.Equal("George van den Driessche", paper.Authors[5]);
    }

    [Fact]
    public void NamesAPreprintServerAsTheVenueAndKeepsConsortiumAuthors()
    {
        var paper = CrossrefJson.Parse(Fixture.Read("crossref/10.1101-2020.03.22.002386.json")).Cleaned();
        Assert.Equal(("bioRxiv", "misc"), (paper.Venue, paper.EntryType));
        Assert.Equal("QCRG Structural Biology Consortium", paper.Authors[^1]);
    }

    [Fact]
    public void ToleratesMissingFields()
    {
        var paper = CrossrefJson.Parse(Fixture.Read("crossref/missing-fields.json")).Cleaned();
        Assert.Equal(("Toward a Unified Theory of Sparse Coding", null, null, null), (paper.Title, paper.Year, paper.Venue, paper.Abstract));
        Assert.Equal(["Olshausen"], paper.Authors);
    }

    [Theory]
    [InlineData("crossref/no-title.json")]
    [InlineData("crossref/garbage.html")]
    [InlineData("crossref/not-found.txt")]
    public void AnAnswerWithoutAPaperIsGarbage(string fixture) =>
        Assert.Equal(SourceFailure.Garbage, Assert.Throws<MetadataSourceException>(() => CrossrefJson.Parse(Fixture.Read(fixture))).Failure);
}
