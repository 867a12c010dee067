using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

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
