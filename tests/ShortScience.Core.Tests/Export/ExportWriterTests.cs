using System.Text.Json;
using ShortScience.Core.Export;
using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Export;

/// <summary>RIS and CSL-JSON from paper metadata: types, names, dates, and hostile text kept inside its field.</summary>
public sealed class ExportWriterTests
{
    static PaperMetadata Paper(string? type = "inproceedings", string? arxiv = null, int? year = 2017, params string[] authors) => new()
    {
        Title = "Attention Is All You Need", Authors = authors.Length == 0 ? ["Ashish Vaswani", "Noam Shazeer"] : authors,
        Year = year, Venue = "Neural Information Processing Systems", EntryType = type, ArxivId = arxiv,
        Doi = "10.5555/3295222", BibtexKey = "vaswani2017attention", Keywords = ["attention", "transformer"],
    };

    public static TheoryData<string, string?, string?, string> Names => new()
    {
        // name, family, given, literal
        { "Ashish Vaswani", "Vaswani", "Ashish", "Ashish Vaswani" },
        { "Vaswani, Ashish", "Vaswani", "Ashish", "Vaswani, Ashish" },
        { "Ludwig van Beethoven", "van Beethoven", "Ludwig", "Ludwig van Beethoven" },
        { "Diederik P.  Kingma", "Kingma", "Diederik P.", "Diederik P. Kingma" },
        { "OpenAI", null, null, "OpenAI" },
        // An organization with "and" in its name is one name, as BibTeX writes it (braced).
        { "Acme and Co", null, null, "Acme and Co" },
        { "Research and Development Group", null, null, "Research and Development Group" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void SplitsNames(string name, string? family, string? given, string literal) =>
        Assert.Equal(new NameParts(family, given, literal), NameParts.Parse(name));

    public static TheoryData<string?, string?, string, string> Types => new()
    {
        // BibTeX entry type, arXiv id, RIS type, CSL type
        { "inproceedings", null, "CONF", "paper-conference" },
        { "article", null, "JOUR", "article-journal" },
        { "misc", "1706.03762", "GEN", "article" },
        { "misc", null, "GEN", "document" },
        { null, null, "GEN", "document" },
        { "phdthesis", null, "THES", "thesis" },
        { "techreport", null, "RPRT", "report" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void MapsEntryTypes(string? type, string? arxiv, string ris, string csl)
    {
        var paper = Paper(type, arxiv);
        Assert.Equal(ris, RisWriter.Type(paper));
        Assert.Equal(csl, CslJsonWriter.Type(paper));
        Assert.StartsWith($"TY  - {ris}\r\n", RisWriter.Write([paper]));
    }

    [Fact]
    public void RisHasOneRecordPerPaperWithItsFields()
    {
        var ris = RisWriter.Write([Paper(), Paper("misc", "1706.03762", null, "OpenAI")]);

        var records = ris.Split("ER  - \r\n", StringSplitOptions.RemoveEmptyEntries).Where(r => r.Trim().Length > 0).ToList();
        Assert.Equal(2, records.Count);
        var first = records[0].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["TY  - CONF", "ID  - vaswani2017attention", "TI  - Attention Is All You Need", "AU  - Vaswani, Ashish",
             "AU  - Shazeer, Noam", "PY  - 2017", "T2  - Neural Information Processing Systems", "DO  - 10.5555/3295222",
             "KW  - attention", "KW  - transformer"],
            first);
        Assert.Contains("AU  - OpenAI\r\n", records[1]);
        Assert.Contains("UR  - https://arxiv.org/abs/1706.03762\r\n", records[1]);
        Assert.DoesNotContain("PY  -", records[1]);
    }

    [Fact]
    public void ALineBreakInATitleCannotStartANewRisTag()
    {
        var ris = RisWriter.Write([Paper() with { Title = "Evil\r\nER  - \r\nTY  - JOUR\nTI  - injected" }]);

        Assert.Single(ris.Split("\r\n"), l => l.StartsWith("TY  -", StringComparison.Ordinal));
        Assert.Single(ris.Split("\r\n"), l => l.StartsWith("ER  -", StringComparison.Ordinal));
    }

    [Fact]
    public void CslJsonCarriesTypeTitleAuthorsAndIssued()
    {
        var json = CslJsonWriter.Write([Paper(), Paper("misc", "1706.03762", null, "OpenAI") with { Title = "Quotes \" and </script>" }]);

        using var doc = JsonDocument.Parse(json);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = items[0];
        Assert.Equal("vaswani2017attention", first.GetProperty("id").GetString());
        Assert.Equal("paper-conference", first.GetProperty("type").GetString());
        Assert.Equal("Attention Is All You Need", first.GetProperty("title").GetString());
        Assert.Equal("Vaswani", first.GetProperty("author")[0].GetProperty("family").GetString());
        Assert.Equal("Ashish", first.GetProperty("author")[0].GetProperty("given").GetString());
        Assert.Equal(2017, first.GetProperty("issued").GetProperty("date-parts")[0][0].GetInt32());
        Assert.Equal("Neural Information Processing Systems", first.GetProperty("container-title").GetString());
        Assert.Equal("10.5555/3295222", first.GetProperty("DOI").GetString());
        var second = items[1];
        Assert.Equal("Quotes \" and </script>", second.GetProperty("title").GetString());
        Assert.Equal("OpenAI", second.GetProperty("author")[0].GetProperty("literal").GetString());
        Assert.False(second.TryGetProperty("issued", out _));
        Assert.DoesNotContain("</script>", json);
    }

    [Fact]
    public void AnEmptyListIsAnEmptyArrayAndNoRecords()
    {
        Assert.Equal("[]", CslJsonWriter.Write([]));
        Assert.Equal("", RisWriter.Write([]));
    }
}
