using ShortScience.Core.Rendering;

namespace ShortScience.Core.Tests.Rendering;

public sealed class CitationTests
{
    static readonly RenderContext Known = new(new Dictionary<CitationId, CitedPaper>
    {
        [new(CitationKind.Arxiv, "1406.2661")] = new("1406.2661", "Generative Adversarial Networks"),
        [new(CitationKind.Doi, "10.1145/3065386")] = new("krizhevsky2017imagenet", "ImageNet Classification with Deep CNNs"),
        [new(CitationKind.Key, "journals/corr/KingmaW13")] = new("1312.6114", "Auto-Encoding Variational Bayes"),
    });

    [Theory]
    [InlineData("\\cite{1406.2661}", CitationKind.Arxiv, "1406.2661")]
    [InlineData("\\cite{arXiv:1406.2661v3}", CitationKind.Arxiv, "1406.2661")]
    [InlineData("\\cite{hep-th/9901001}", CitationKind.Arxiv, "hep-th/9901001")]
    [InlineData("\\cite{doi:10.1145/3065386}", CitationKind.Doi, "10.1145/3065386")]
    [InlineData("\\cite{DOI:10.1145/ABC.DEF}", CitationKind.Doi, "10.1145/abc.def")]
    [InlineData("\\citep{goodfellow2014generative}", CitationKind.Key, "goodfellow2014generative")]
    [InlineData("\\cite{journals/corr/KingmaW13}", CitationKind.Key, "journals/corr/KingmaW13")]
    // Addresses pasted whole, escaped DOIs, subject classes, versions in capitals, lists broken over lines.
    [InlineData("\\cite{https://doi.org/10.1145/ABC}", CitationKind.Doi, "10.1145/abc")]
    [InlineData("\\cite{10.1145%2Fabc}", CitationKind.Doi, "10.1145/abc")]
    [InlineData("\\cite{https://arxiv.org/abs/1706.03762v5}", CitationKind.Arxiv, "1706.03762")]
    [InlineData("\\cite{http://arxiv.org/pdf/1706.03762v2.pdf}", CitationKind.Arxiv, "1706.03762")]
    [InlineData("\\cite{math.GT/0309136}", CitationKind.Arxiv, "math/0309136")]
    [InlineData("\\cite{arXiv:1706.03762V5}", CitationKind.Arxiv, "1706.03762")]
    [InlineData("\\cite{Müller2020rv}", CitationKind.Key, "Müller2020rv")] // keys of imported entries, in any script
    [InlineData("\\cite{王2021注意}", CitationKind.Key, "王2021注意")]
    public void FindsAndNormalizesCitedIds(string markdown, CitationKind kind, string value) =>
        Assert.Equal([new CitationId(kind, value)], Citations.FindIds($"As shown in {markdown}, it works."));

    [Fact]
    public void FindsEveryIdOfEveryCite() =>
        Assert.Equal(3, Citations.FindIds("\\cite{1406.2661, 1312.6114} and \\cite{doi:10.1/x}").Count);

    /// <summary>A long list wraps over lines; the papers are looked up as the renderer links them (it allows the break).</summary>
    [Fact]
    public void FindsTheIdsOfAListBrokenOverLines() =>
        Assert.Equal([new CitationId(CitationKind.Key, "goodfellow2014generative"), new CitationId(CitationKind.Arxiv, "1706.03762")],
            Citations.FindIds("As in \\cite{goodfellow2014generative,\n  1706.03762}, it works.").OrderBy(i => i.Kind == CitationKind.Arxiv));

    [Theory]
    [InlineData("\\cite{1406.2661}", "/papers/1406.2661", "Generative Adversarial Networks")]
    [InlineData("\\cite{arXiv:1406.2661}", "/papers/1406.2661", "Generative Adversarial Networks")]
    [InlineData("\\cite{doi:10.1145/3065386}", "/papers/krizhevsky2017imagenet", "ImageNet Classification with Deep CNNs")]
    [InlineData("\\cite{journals/corr/KingmaW13}", "/papers/1312.6114", "Auto-Encoding Variational Bayes")]
    [InlineData("\\cite{1706.03762}", "https://arxiv.org/abs/1706.03762", "arXiv:1706.03762")]
    [InlineData("\\cite{journals/corr/abs-1810-04805}", "https://arxiv.org/abs/1810.04805", "journals/corr/abs-1810-04805")]
    [InlineData("\\cite{hep-th/9901001v2}", "https://arxiv.org/abs/hep-th/9901001", "arXiv:hep-th/9901001")]
    [InlineData("\\cite{doi:10.1000/xyz(1)}", "https://doi.org/10.1000/xyz%281%29", "doi:10.1000/xyz(1)")]
    [InlineData("\\cite{unknownKey2020}", "/papers/add?key=unknownKey2020", "unknownKey2020")]
    [InlineData("\\cite{é-clé}", "/papers/add?key=%C3%A9-cl%C3%A9", "é-clé")]
    [InlineData("\\cite{conf/nips/GoodfellowPMXWOCB14}", "/papers/add?key=conf%2Fnips%2FGoodfellowPMXWOCB14", "conf/nips/GoodfellowPMXWOCB14")]
    public void LinksToThePaperPageWithItsTitleWhenKnown(string markdown, string href, string text)
    {
        var link = Rendered.Html($"See {markdown}.", Known).QuerySelector(".citation a")!;

        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal(text, link.TextContent);
    }

    [Fact]
    public void SeveralIdsBecomeSeveralLinks()
    {
        var html = Rendered.Html("\\cite{1406.2661,1706.03762}", Known);

        Assert.Equal("[Generative Adversarial Networks; arXiv:1706.03762]", html.QuerySelector(".citation")!.TextContent);
    }

    [Theory]
    [InlineData("`\\cite{1406.2661}`")]
    [InlineData("$\\text{\\cite{1406.2661}}$")]
    [InlineData("\\cite{not a key}")]
    [InlineData("\\cite{}")]
    public void CitesInCodeMathOrMalformedAreNotLinks(string markdown) =>
        Assert.Empty(Rendered.Html(markdown, Known).QuerySelectorAll(".citation"));
}
