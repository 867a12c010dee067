using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("2401.01234", "2401.01234", null, "2401.01234")]
    [InlineData("2401.01234v2", "2401.01234", 2, "2401.01234")]
    [InlineData("  arXiv:1706.03762v7 ", "1706.03762", 7, "1706.03762")]
    [InlineData("ARXIV: 1706.03762", "1706.03762", null, "1706.03762")]
    [InlineData("https://arxiv.org/abs/1706.03762", "1706.03762", null, "1706.03762")]
    [InlineData("http://arxiv.org/abs/1706.03762v5/", "1706.03762", 5, "1706.03762")]
    [InlineData("https://arxiv.org/pdf/1706.03762v7.pdf", "1706.03762", 7, "1706.03762")]
    [InlineData("https://arxiv.org/pdf/2401.01234", "2401.01234", null, "2401.01234")]
    [InlineData("https://arxiv.org/html/2401.01234v1", "2401.01234", 1, "2401.01234")]
    [InlineData("https://export.arxiv.org/abs/1412.6980?context=cs", "1412.6980", null, "1412.6980")]
    [InlineData("www.arxiv.org/abs/1412.6980#", "1412.6980", null, "1412.6980")]
    [InlineData("hep-th/9901001", "hep-th/9901001", null, "hep-th-9901001")]
    [InlineData("hep-th/9901001v3", "hep-th/9901001", 3, "hep-th-9901001")]
    [InlineData("math.GT/0309136", "math/0309136", null, "math-0309136")]
    [InlineData("https://arxiv.org/abs/cond-mat/0211034v2", "cond-mat/0211034", 2, "cond-mat-0211034")]
    [InlineData("arXiv:quant-ph/0101001", "quant-ph/0101001", null, "quant-ph-0101001")]
    [InlineData("10.48550/arXiv.2106.09685", "2106.09685", null, "2106.09685")]
    [InlineData("https://doi.org/10.48550/arxiv.2106.09685", "2106.09685", null, "2106.09685")]
    public void ReadsIdsUrlsAndArxivDois(string text, string id, int? version, string key)
    {
        Assert.True(ArxivId.TryParse(text, out var parsed));
        Assert.Equal((id, version, key), (parsed.Id, parsed.Version, parsed.Key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1706.0376")]
    [InlineData("1706.037621")]
    [InlineData("1713.03762")]
    [InlineData("1412.69801")]
    [InlineData("hep-th/990100")]
    [InlineData("hep-th/9913001")]
    [InlineData("10.1145/3292500.3330701")]
    [InlineData("https://example.org/abs/1706.03762")]
    [InlineData("attention is all you need")]
    public void RefusesWhatIsNotAnArxivId(string text) => Assert.False(ArxivId.TryParse(text, out _));

    [Theory]
    [InlineData("hep-th-9901001", "hep-th/9901001")]
    [InlineData("1706.03762", "1706.03762")]
    public void PaperKeysLeadBackToTheirArxivId(string key, string id)
    {
        Assert.True(ArxivId.TryFromKey(key, out var parsed));
        Assert.Equal(id, parsed.Id);
    }

    [Fact]
    public void ABibtexStyleKeyIsNoArxivId() => Assert.False(ArxivId.TryFromKey("vaswani2017attention", out _));
}

public sealed class DoiTests
{
    [Theory]
    [InlineData("10.1109/CVPR.2016.90", "10.1109/cvpr.2016.90")]
    [InlineData("https://doi.org/10.1038/nature16961", "10.1038/nature16961")]
    [InlineData("http://dx.doi.org/10.1038/NATURE16961", "10.1038/nature16961")]
    [InlineData("doi:10.1145/3292500.3330701", "10.1145/3292500.3330701")]
    [InlineData("DOI: 10.1145/3292500.3330701.", "10.1145/3292500.3330701")]
    [InlineData("https://doi.org/10.1016/S0550-3213(99)00125-X", "10.1016/s0550-3213(99)00125-x")]
    [InlineData("https://doi.org/10.1002%2F%28SICI%291097-4571", "10.1002/(sici)1097-4571")]
    [InlineData("10.5281/zenodo.3242074", "10.5281/zenodo.3242074")]
    public void NormalizesDoisTheWayResolversCompareThem(string text, string expected)
    {
        Assert.True(Doi.TryNormalize(text, out var doi));
        Assert.Equal(expected, doi);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.1/abc")]
    [InlineData("11.1109/cvpr.2016.90")]
    [InlineData("10.1109")]
    [InlineData("10.1109/")]
    [InlineData("1706.03762")]
    [InlineData("https://example.org/10.1109/cvpr")]
    public void RefusesWhatIsNotADoi(string text) => Assert.False(Doi.TryNormalize(text, out _));
}
