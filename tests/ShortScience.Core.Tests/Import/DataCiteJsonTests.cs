using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

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
