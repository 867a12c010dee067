using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class BibtexParserTests
{
    /// <summary>Entry text → one of its facts. "key", "type" and "authors" are read specially; anything else is a field.</summary>
    public static TheoryData<string, string, string> Entries => new()
    {
        // Delimiters, case and whitespace.
        { "@article{k1, title = {Plain Title}}", "title", "Plain Title" },
        { "@ARTICLE{k2, TITLE = {Upper Case Names}}", "title", "Upper Case Names" },
        { "@Article{k3,\n  title = \"Quoted Title\",\n}", "title", "Quoted Title" },
        { "@article(k4, title = {Parenthesized Entry})", "title", "Parenthesized Entry" },
        { "@article{k5, year = 2017}", "year", "2017" },
        { "@article{k6,title={No Spaces},year=2019}", "year", "2019" },
        { "@article{k7, title = {Trailing comma},}", "title", "Trailing comma" },
        { "@article{ k8 ,\n\ttitle\t=\t{Tabs\tand\nnewlines}\n}", "title", "Tabs and newlines" },
        { "@inproceedings{vaswani2017attention, title={Attention}}", "key", "vaswani2017attention" },
        { "@InProceedings{DBLP:conf/nips/VaswaniSPUJGKP17, title={x}}", "key", "DBLP:conf/nips/VaswaniSPUJGKP17" },
        { "@InProceedings{k9, title={x}}", "type", "inproceedings" },
        { "@software{k10, title={Unknown types are kept}}", "type", "software" },
        { "@article{k11, title = {First}, title = {Second}}", "title", "First" },
        // Braces and quotes.
        { "@article{k12, title = {{B}ayesian {N}etworks}}", "title", "Bayesian Networks" },
        { "@article{k13, title = {{Nested {deeply {braced}}} words}}", "title", "Nested deeply braced words" },
        { "@article{k14, title = \"Quotes with {\"}inner{\"} marks\"}", "title", "Quotes with \"inner\" marks" },
        { "@article{k15, title = \"A {Braced, with comma} value\"}", "title", "A Braced, with comma value" },
        { "@article{k16, title = {Escaped \\{ brace}}", "title", "Escaped { brace" },
        // Macros and concatenation.
        { "@string{nips = {Advances in Neural Information Processing Systems}}\n@inproceedings{k17, booktitle = nips}", "booktitle", "Advances in Neural Information Processing Systems" },
        { "@STRING(acm = \"ACM\")\n@article{k18, journal = acm # \" Computing Surveys\"}", "journal", "ACM Computing Surveys" },
        { "@string{a = {Alpha}}\n@string{b = a # { and Beta}}\n@article{k19, title = b}", "title", "Alpha and Beta" },
        { "@article{k20, month = jan}", "month", "January" },
        { "@article{k21, month = dec # {~15}}", "month", "December 15" },
        { "@article{k22, note = {Part } # 2}", "note", "Part 2" },
        { "@string{ICML = {Proc. ICML}}\n@inproceedings{k23, booktitle = icml}", "booktitle", "Proc. ICML" },
        // LaTeX to Unicode.
        { "@article{k24, author = {M{\\\"u}ller, Klaus}}", "authors", "Klaus Müller" },
        { "@article{k25, title = {Caf\\'{e} and na\\\"ive}}", "title", "Café and naïve" },
        { "@article{k26, title = {Stra{\\ss}e}}", "title", "Straße" },
        { "@article{k27, author = {Bj{\\o}rn Ommer}}", "authors", "Bjørn Ommer" },
        { "@article{k28, author = {{\\L}ukasz Kaiser}}", "authors", "Łukasz Kaiser" },
        { "@article{k29, title = {Gar\\c{c}on}}", "title", "Garçon" },
        { "@article{k30, author = {Jan \\v{S}indel\\'{a}\\v{r}}}", "authors", "Jan Šindelář" },
        { "@article{k31, title = {Pe\\~na}}", "title", "Peña" },
        { "@article{k32, author = {{\\AA}ke {\\aa}str{\\\"o}m}}", "authors", "Åke åström" },
        { "@article{k33, pages = {100--110}}", "pages", "100–110" },
        { "@article{k34, title = {A~Tied~Title}}", "title", "A Tied Title" },
        { "@article{k35, title = {The \\emph{Real} Thing}}", "title", "The Real Thing" },
        { "@article{k36, title = {$\\ell_1$-Regularized Models}}", "title", "$\\ell_1$-Regularized Models" },
        { "@article{k37, title = {Research \\& Development at 50\\%}}", "title", "Research & Development at 50%" },
        { "@article{k38, title = {Ho\\H{o}, {\\i}ndex, and \\'{\\i}}}", "title", "Hoő, ındex, and í" },
        // Authors.
        { "@article{k39, author = {Vaswani, Ashish and Shazeer, Noam}}", "authors", "Ashish Vaswani; Noam Shazeer" },
        { "@article{k40, author = {Ashish Vaswani and Noam Shazeer and others}}", "authors", "Ashish Vaswani; Noam Shazeer" },
        { "@article{k41, author = {van den Oord, A{\\\"a}ron}}", "authors", "Aäron van den Oord" },
        { "@article{k42, author = {Ludwig van Beethoven}}", "authors", "Ludwig van Beethoven" },
        { "@article{k43, author = {King, Jr., Martin Luther}}", "authors", "Martin Luther King Jr." },
        { "@article{k44, author = {{Barnes and Noble, Inc.}}}", "authors", "Barnes and Noble, Inc." },
        { "@article{k45, author = {Kingma, D.P. and Ba, J.}}", "authors", "D. P. Kingma; J. Ba" },
        { "@article{k46, author = {Le,   Quoc V.  AND\n  Sutskever, Ilya}}", "authors", "Quoc V. Le; Ilya Sutskever" },
        { "@article{k47, author = {de la Fuente, Mar{\\'\\i}a}}", "authors", "María de la Fuente" },
        // Mojibake from files saved through the wrong encoding.
        { "@article{k48, author = {AÃ¤ron van den Oord}}", "authors", "Aäron van den Oord" },
        { "@article{k49, author = {SchÃ¶lkopf, Bernhard}}", "authors", "Bernhard Schölkopf" },
        { "@article{k50, title = {Caf\u00C3\u00A9 Society}}", "title", "Café Society" },
        // Comments between fields.
        { "@article{k51,\n  % title = {Commented out},\n  title = {Kept}\n}", "title", "Kept" },
        { "@article{k52, url = {https://example.org/a%20b}}", "url", "https://example.org/a%20b" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void ReadsTrickyEntries(string bib, string what, string expected)
    {
        var doc = BibtexParser.Parse(bib);
        Assert.Empty(doc.Problems);
        var entry = Assert.Single(doc.Entries);
        var actual = what switch
        {
            "key" => entry.Key,
            "type" => entry.Type,
            "authors" => string.Join("; ", BibtexMetadata.From(entry).Authors),
            _ => entry.Get(what),
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ReadsSeveralEntriesAndIgnoresCommentsPreamblesAndTextBetweenThem()
    {
        var doc = BibtexParser.Parse("""
            This file was exported by a reference manager.
            % A line comment with an @ sign: someone@example.org
            @preamble{ "\newcommand{\noopsort}[1]{}" }
            @comment{ @article{ignored, title = {Not read}} }
            @Comment this whole line is a comment
            @article{first, title = {One}}

            Free text between entries.
            @misc{second, title = {Two}}
            """);

        Assert.Empty(doc.Problems);
        Assert.Equal(["first", "second"], doc.Entries.Select(e => e.Key));
        Assert.Single(doc.Preambles);
    }

    [Fact]
    public void ReportsABrokenEntryAndGoesOnWithTheNext()
    {
        var doc = BibtexParser.Parse("""
            @article{good1, title = {Fine}}
            @article{broken, title = {Never closed,
              year = 2020
            @article{good2, title = {Also fine}}
            @article{nofields title = {Missing comma after the key}}
            @article{good3, title = {Still fine}}
            """);

        Assert.Equal(["good1", "good2", "good3"], doc.Entries.Select(e => e.Key));
        Assert.Equal(2, doc.Problems.Count);
        Assert.Equal(("broken", 2), (doc.Problems[0].Key, doc.Problems[0].Line));
        Assert.Equal(("nofields", 5), (doc.Problems[1].Key, doc.Problems[1].Line));
    }

    [Theory]
    [InlineData("@article{, title = {No key}}", "no citation key")]
    [InlineData("@article{k, title = {x} year = 2020}", "',' is missing")]
    [InlineData("@article{k, title {x}}", "Expected '='")]
    [InlineData("@{k, title = {x}}", "not followed by an entry type")]
    [InlineData("@article{k, title = }", "Expected a value")]
    public void ExplainsWhatIsWrongWithABrokenEntry(string bib, string message)
    {
        var doc = BibtexParser.Parse(bib);
        Assert.Empty(doc.Entries);
        Assert.Contains(message, Assert.Single(doc.Problems).Message);
    }

    [Fact]
    public void AnUndefinedMacroIsReportedAndItsNameKept()
    {
        var doc = BibtexParser.Parse("@article{k, journal = pami, title = {T}}");
        Assert.Equal("pami", Assert.Single(doc.Entries).Get("journal"));
        Assert.Contains("pami", Assert.Single(doc.Problems).Message);
    }

    [Fact]
    public void ReadsALargeFileQuickly()
    {
        var bib = string.Concat(Enumerable.Range(0, 5000).Select(i =>
            $"@article{{key{i},\n  author = {{Last{i}, First and Other, Person}},\n  title = {{Paper number {i}}},\n  year = {{2020}}\n}}\n"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var doc = BibtexParser.Parse(bib);
        Assert.Equal(5000, doc.Entries.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void BracesNestedTooDeepRefuseTheEntryWithAReasonAndTheNextEntryIsRead()
    {
        var doc = BibtexParser.Parse("@misc{deep, title = {" + new string('{', 100_000) + "x" + new string('}', 100_000) + "}}\n@misc{next, title = {Next}}\n");

        Assert.Contains(doc.Problems, p => p.Message.Contains("nested", StringComparison.Ordinal));
        Assert.Equal("next", Assert.Single(doc.Entries).Key);
    }

    [Fact]
    public void MacrosCannotGrowAValuePastTheEntryLimit()
    {
        var macros = string.Concat(Enumerable.Range(1, 30).Select(i => $"@string{{m{i} = m{i - 1} # m{i - 1}}}\n"));
        var doc = BibtexParser.Parse("@string{m0 = {xxxxxxxxxx}}\n" + macros + "@misc{big, title = m30}\n");

        Assert.Contains(doc.Problems, p => p.Message.Contains("longer than", StringComparison.Ordinal));
        Assert.All(doc.Entries, e => Assert.True(e.Get("title")!.Length <= ShortScience.Contracts.Limits.BibtexEntryChars));
    }

    [Fact]
    public void AFileHoldsAtMostTheEntryLimit()
    {
        var bib = string.Concat(Enumerable.Range(0, ShortScience.Contracts.Limits.BibtexEntriesPerFile + 3).Select(i => $"@misc{{k{i}, title = {{T{i}}}}}\n"));

        var doc = BibtexParser.Parse(bib);

        Assert.Equal(ShortScience.Contracts.Limits.BibtexEntriesPerFile, doc.Entries.Count);
        Assert.Contains(doc.Problems, p => p.Message.Contains("at most", StringComparison.Ordinal));
    }

    /// <summary>
    /// Entries whose values never close (here a quoted value whose braces close before they open) used to be read to
    /// the end of the file each, then read again from the next line: a 4 MB file of them took hours. Each is now
    /// given up within one entry's length, and a file that is mostly broken is given up after a thousand of them.
    /// </summary>
    [Fact]
    public async Task AFileOfEntriesThatNeverCloseIsGivenUpQuickly()
    {
        var hostile = string.Concat(Enumerable.Repeat("@a{k,t=\"}}\n", 400_000)); // 4.4 MB
        var document = await Task.Run(() => BibtexParser.Parse(hostile)).WaitAsync(TimeSpan.FromSeconds(60)); // hours before
        Assert.Empty(document.Entries);
        Assert.Equal(BibtexParser.MaxProblems + 1, document.Problems.Count);
        Assert.Contains("never opened", document.Problems[0].Message);
        Assert.Contains("was not read", document.Problems[^1].Message);

        // One value that never closes costs one entry's length, and the entries after it are read.
        var unclosed = "@article{a, title = {Never closed\n" + new string('x', 200_000) + "\n@article{b, title = {Fine}}\n";
        var after = BibtexParser.Parse(unclosed);
        Assert.Equal("b", Assert.Single(after.Entries).Key);
        Assert.Contains("longer than", Assert.Single(after.Problems).Message);
    }
}
