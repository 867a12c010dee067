using ShortScience.Contracts;
using ShortScience.Core.Import;
using ShortScience.Core.Text;

namespace ShortScience.Core.Tests.Import;

/// <summary>Odd but possible input to the import: none of it may throw or be stored half-cut.</summary>
public sealed class ImportEdgeCaseTests
{
    [Theory]
    [InlineData("1706.03762v99999999999", "1706.03762")]
    [InlineData("https://arxiv.org/abs/1706.03762v2147483648", "1706.03762")]
    [InlineData("arXiv:hep-th/9901001v99999999999", "hep-th/9901001")]
    public void AnArxivVersionTooLargeForANumberIsNoVersion(string text, string id)
    {
        Assert.True(ArxivId.TryParse(text, out var parsed));
        Assert.Equal((id, (int?)null, id), (parsed.Id, parsed.Version, parsed.ToString()));
        Assert.Equal(new ImportInput(InputKind.Arxiv, id), ImportInput.Detect(text));
        Assert.Equal(id, new PaperMetadata { Title = "T", ArxivId = text }.Cleaned().ArxivId);
    }

    [Theory]
    [InlineData("\u0661\u0667\u0660\u0666.03762")]  // Arabic-Indic digits in the year and month
    [InlineData("1706.\u0660\u0663\u0667\u0666\u0662")]
    [InlineData("hep-th/\u0669\u0669\u0660\u0661001")]
    public void DigitsOfOtherScriptsMakeNoArxivId(string text) => Assert.False(ArxivId.TryParse(text, out _));

    [Fact]
    public void ABibtexYearInDigitsOfAnotherScriptIsNoYear()
    {
        var entry = Assert.Single(BibtexParser.Parse("@misc{k, title = {Digits}, year = {20\u0662\u0660}}").Entries);
        Assert.Null(BibtexMetadata.From(entry).Year);
    }

    [Fact]
    public void AnAbstractCutAtTheLimitNeverKeepsHalfAnEmoji()
    {
        var kept = new string('a', Limits.AbstractChars - 1);

        var cleaned = new PaperMetadata { Title = "T", Abstract = kept + "\U0001F600 and what follows" }.Cleaned();

        Assert.Equal(kept, cleaned.Abstract);
        Assert.Contains(cleaned.Dropped, d => d.StartsWith("abstract:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"issued\": 2020", null)]
    [InlineData("\"issued\": \"2020-01-01\"", null)]
    [InlineData("\"issued\": {\"date-parts\": [[2020.5]]}", null)]
    [InlineData("\"issued\": {\"date-parts\": [[1e12, 1, 1]]}", null)]
    [InlineData("\"published\": {\"date-parts\": [[2020.5]]}, \"created\": {\"date-parts\": [[2019]]}", 2019)]
    [InlineData("\"issued\": {\"date-parts\": [[2018, 1e12, 3.5]]}", 2018)]
    [InlineData("\"issued\": {\"date-parts\": [[2018, 2, 30]]}, \"relation\": [1, 2]", 2018)]
    [InlineData("\"relation\": \"has-preprint\"", null)]
    public void CrossrefFieldsOfTheWrongShapeAreSkipped(string fields, int? year)
    {
        var paper = CrossrefJson.Parse("{\"message\": {\"title\": [\"Odd Shapes\"], " + fields + "}}");

        Assert.Equal(("Odd Shapes", year, null, null), (paper.Title, paper.Year, paper.PublishedOn, paper.ArxivId));
    }

    [Theory]
    [InlineData("深度学习中的注意力机制", "深度学习中的注意力机制")]
    [InlineData("Глубокое обучение: обзор", "глубокое обучение обзор")]
    [InlineData("  Attention -- is all you NEED. ", "attention is all you need")]
    [InlineData("Über α-Synuclein", "uber α synuclein")]
    public void TitlesOfEveryScriptNormalizeToTheirWords(string title, string normalized)
    {
        Assert.Equal(normalized, Slug.NormalizeTitle(title));
        // Keys and URLs stay ASCII.
        Assert.Matches("^[a-z0-9-]*$", Slug.From(title));
    }

    [Fact]
    public void TitlesThatDifferInAnotherScriptDoNotNormalizeAlike() =>
        Assert.NotEqual(Slug.NormalizeTitle("深度学习"), Slug.NormalizeTitle("机器翻译"));

    [Theory]
    [InlineData("Proceedings of the IEEE", "proceedings of the ieee")]
    [InlineData("ACM", "acm")]
    [InlineData("Труды Института системного программирования РАН", "труды института системного программирования ран")]
    [InlineData("计算机学报", "计算机学报")]
    [InlineData("Journal of Machine Learning Research", "journal machine learning research")]
    public void EveryVenueNameHasAKeyAndLooksItUpFirst(string venue, string key)
    {
        Assert.Equal(key, VenueNames.Key(venue));
        Assert.Equal(key, VenueNames.Candidates(venue).First());
    }

    [Fact]
    public void OnlyTheWholeNameFallsBackToItsLiteralKey() =>
        Assert.DoesNotContain("acm", VenueNames.Candidates("Journal of Widgets (ACM)"));
}
