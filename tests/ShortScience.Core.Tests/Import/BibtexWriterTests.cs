using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class BibtexWriterTests
{
    static readonly PaperMetadata Transformer = new()
    {
        Title = "Attention Is All You Need",
        Authors = ["Ashish Vaswani", "Noam Shazeer", "Łukasz Kaiser", "Aäron van den Oord", "Martin Luther King Jr."],
        Year = 2017,
        Venue = "Advances in Neural Information Processing Systems",
        EntryType = "inproceedings",
        ArxivId = "1706.03762",
        Doi = "10.5555/3295222.3295349",
        Url = "https://arxiv.org/abs/1706.03762",
        Keywords = ["attention", "transformer"],
        Categories = ["cs.CL"],
        BibtexKey = "vaswani2017attention",
    };

    [Fact]
    public void WritesAnEntryThatReadsBackToTheSameFacts()
    {
        var bib = BibtexWriter.Write(Transformer);
        var doc = BibtexParser.Parse(bib);

        Assert.Empty(doc.Problems);
        var back = BibtexMetadata.From(Assert.Single(doc.Entries));
        Assert.Equal(Transformer.Title, back.Title);
        Assert.Equal(Transformer.Authors, back.Authors);
        Assert.Equal((2017, "Advances in Neural Information Processing Systems"), (back.Year, back.Venue));
        Assert.Equal((Transformer.ArxivId, Transformer.Doi, Transformer.Url), (back.ArxivId, back.Doi, back.Url));
        Assert.Equal(Transformer.Keywords, back.Keywords);
        Assert.Equal(("inproceedings", "vaswani2017attention"), (back.EntryType, back.BibtexKey));
    }

    [Fact]
    public void WritesAuthorsLastNameFirstAndKeepsUnicode()
    {
        var bib = BibtexWriter.Write(Transformer);
        Assert.Contains("author = {Vaswani, Ashish and Shazeer, Noam and Kaiser, Łukasz and van den Oord, Aäron and King, Jr., Martin Luther}", bib);
        Assert.StartsWith("@inproceedings{vaswani2017attention,\n", bib);
        Assert.Contains("booktitle = {Advances in Neural Information Processing Systems}", bib);
        Assert.EndsWith("}\n", bib);
    }

    [Theory]
    [InlineData("Research & Development: 100% of {braces} cost $5 #1 a_b ~ ^ \\")]
    [InlineData("Unbalanced { brace")]
    [InlineData("Closing } first")]
    [InlineData("$\\ell_1$-Regularized Models for $O(n)$ Sorting")]
    [InlineData("BERT: Pre-training of Deep Bidirectional Transformers on ImageNet and GPT-3")]
    [InlineData("Ünïcödé — “quotes” and 日本語")]
    [InlineData("Math $a\\$ and $\\immediate\\write18{touch /tmp/pwn}$ and 50$%$ tail")]
    public void EscapesSpecialCharactersSoTitlesSurviveARoundTrip(string title)
    {
        var bib = BibtexWriter.Write(Transformer with { Title = title });
        Assert.True(BracesBalance(bib), bib);
        var back = BibtexMetadata.From(Assert.Single(BibtexParser.Parse(bib).Entries));
        Assert.Equal(title, back.Title);
    }

    /// <summary>
    /// A title's math is written as math only when it is nothing more: a member's title must not run commands, read
    /// files or comment out the rest of the line in the LaTeX of whoever cites the paper.
    /// </summary>
    [Theory]
    [InlineData("Pwned $\\immediate\\write18{touch /tmp/pwn}$", "\\immediate")]
    [InlineData("Leak $\\input{/etc/passwd}$", "\\input")]
    [InlineData("Redefine $\\def\\alpha{x}$", "\\def")]
    [InlineData("Open $a\\$ never closes", "$a\\$")]
    [InlineData("Half $50%$ of it", "50%")]
    [InlineData("Private $\\@tempa$", "\\@tempa")]
    public void MathThatIsMoreThanMathIsEscapedAsText(string title, string mustNotAppear)
    {
        var bib = BibtexWriter.Write(Transformer with { Title = title });
        var written = bib.Split('\n').Single(l => l.TrimStart().StartsWith("title", StringComparison.Ordinal));
        Assert.DoesNotContain(mustNotAppear, written);
    }

    [Fact]
    public void OrdinaryMathStaysMath()
    {
        var bib = BibtexWriter.Write(Transformer with { Title = "$\\ell_1$ and $\\mathcal{O}(n \\log n)$ with $\\{x\\}$" });
        Assert.Contains("$\\ell_1$ and $\\mathcal{O}(n \\log n)$ with $\\{x\\}$", bib);
    }

    [Fact]
    public void ProtectsTheCapitalsOfAcronymsAndNames()
    {
        var bib = BibtexWriter.Write(Transformer with { Title = "BERT on ImageNet with GPT-3 and Ordinary Words" });
        Assert.Contains("title = {{BERT} on {ImageNet} with {GPT-3} and Ordinary Words}", bib);
    }

    [Fact]
    public void WritesAnArxivPreprintAsMiscWithEprintFields()
    {
        var bib = BibtexWriter.Write(new PaperMetadata
        {
            Title = "Old String Paper", Authors = ["Jürgen Fuchs"], Year = 1999, Venue = "arXiv",
            ArxivId = "hep-th/9901001", Categories = ["hep-th"], BibtexKey = "hep-th-9901001",
        });
        Assert.StartsWith("@misc{hep-th-9901001,", bib);
        Assert.Contains("eprint = {hep-th/9901001}", bib);
        Assert.Contains("archiveprefix = {arXiv}", bib);
        Assert.DoesNotContain("howpublished", bib);
    }

    [Fact]
    public void WritesSeveralEntriesThatAllReadBack()
    {
        var papers = Enumerable.Range(1, 3).Select(i => Transformer with { BibtexKey = $"key{i}", Title = $"Paper {i}" });
        var doc = BibtexParser.Parse(BibtexWriter.Write(papers));
        Assert.Equal(["key1", "key2", "key3"], doc.Entries.Select(e => e.Key));
    }

    [Fact]
    public void BracesAnOrganizationAsAuthor()
    {
        var bib = BibtexWriter.Write(Transformer with { Authors = ["QCRG Structural Biology Consortium", "Research and Development Lab"] });
        Assert.Contains("{Research and Development Lab}", bib);
        var back = BibtexMetadata.From(Assert.Single(BibtexParser.Parse(bib).Entries));
        Assert.Equal(["QCRG Structural Biology Consortium", "Research and Development Lab"], back.Authors);
    }

    static bool BracesBalance(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '{') depth++;
            else if (c == '}' && --depth < 0) return false;
        }
        return depth == 0;
    }
}
