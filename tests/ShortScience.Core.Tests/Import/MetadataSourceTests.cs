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

public sealed class DataCiteJsonTests
{
    [Fact]
    public void ReadsARepositoryRecord()
    {
        var paper = DataCiteJson.Parse(Fixture.Read("datacite/10.5281-zenodo.3242074.json")).Cleaned();

        Assert.Equal("Layer-wise Relevance Propagation: Reference Implementation and Benchmarks", paper.Title);
        Assert.Equal(["Klaus-Robert Müller", "Wojciech Samek", "Explainable AI Working Group"], paper.Authors);
        Assert.Equal(("Zenodo", 2019, new DateOnly(2019, 6, 12)), (paper.Venue, paper.Year, paper.PublishedOn));
        Assert.Equal(["explainability", "relevance propagation"], paper.Keywords);
        Assert.StartsWith("Reference code and benchmark scripts", paper.Abstract);
    }

    [Fact]
    public void ReadsAnArxivDoiRecordWithItsArxivId()
    {
        var paper = DataCiteJson.Parse(Fixture.Read("datacite/10.48550-arxiv.2106.09685.json")).Cleaned();
        Assert.Equal(("2106.09685", "arXiv"), (paper.ArxivId, paper.Venue));
        Assert.Equal(["Edward J. Hu", "Yelong Shen"], paper.Authors);
    }

    [Fact]
    public void NotFoundIsReportedAsNotFound() =>
        Assert.Equal(SourceFailure.NotFound, Assert.Throws<MetadataSourceException>(() => DataCiteJson.Parse(Fixture.Read("datacite/not-found.json"))).Failure);

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"data\":null}")]
    [InlineData("<html/>")]
    public void GarbageIsReportedAsGarbage(string body) =>
        Assert.Equal(SourceFailure.Garbage, Assert.Throws<MetadataSourceException>(() => DataCiteJson.Parse(body)).Failure);
}

public sealed class ImportInputTests
{
    [Theory]
    [InlineData("1706.03762", InputKind.Arxiv, "1706.03762")]
    [InlineData("https://arxiv.org/pdf/1706.03762v7", InputKind.Arxiv, "1706.03762")]
    [InlineData("hep-th/9901001", InputKind.Arxiv, "hep-th/9901001")]
    [InlineData("10.1109/CVPR.2016.90", InputKind.Doi, "10.1109/cvpr.2016.90")]
    [InlineData("https://doi.org/10.1038/nature16961", InputKind.Doi, "10.1038/nature16961")]
    [InlineData("https://www.biorxiv.org/content/10.1101/2020.03.22.002386v3", InputKind.Doi, "10.1101/2020.03.22.002386")]
    [InlineData("https://link.springer.com/article/10.1007/s11263-015-0816-y", InputKind.Doi, "10.1007/s11263-015-0816-y")]
    [InlineData("@article{k, title={T}}", InputKind.Bibtex, "@article{k, title={T}}")]
    [InlineData("% exported\n@inproceedings{k, title={T}}", InputKind.Bibtex, "% exported\n@inproceedings{k, title={T}}")]
    [InlineData("Attention is all you need", InputKind.Unknown, "Attention is all you need")]
    [InlineData("", InputKind.Unknown, "")]
    public void DetectsWhatWasPasted(string text, InputKind kind, string value) =>
        Assert.Equal(new ImportInput(kind, value), ImportInput.Detect(text));
}
