using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data.Entities;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Import;

/// <summary>
/// Nobody but a moderator changes a fact someone else gave a paper: imports and edits only add what is missing, a
/// differing fact becomes a proposed edit, every change is in the paper's history, and every stored link is http(s).
/// </summary>
public sealed class ImportTrustTests(ImportApp app) : IClassFixture<ImportApp>
{
    static IEnumerable<string> HostileBibtex => HostileCorpus.Entries.Where(e => e.StartsWith("@misc{hostile-link-", StringComparison.Ordinal));

    [Fact]
    public async Task AMembersImportAddsOnlyMissingFactsAndProposesTheOnesThatDiffer()
    {
        var owner = await app.MemberAsync("trust-owner");
        var other = await app.MemberAsync("trust-other");
        var moderator = await app.ModeratorAsync("trust-moderator");
        var created = await owner.AddAsync(new ManualPaper("Sparse Signals In Noisy Places", ["Ada Lovelace"], "ICML", 2019,
            "The owner's abstract.", "https://owner.example/paper"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;

        var merged = await other.AddedAsync("""
            @article{rewrite, title = {Sparse signals in noisy places}, author = {Lovelace, Ada},
              journal = {Journal of Vandalism}, year = {2019}, abstract = {A rewritten abstract.},
              url = { JaVaScRiPt:alert(1)}, pdf = {https://other.example/paper.pdf}, keywords = {sparsity}}
            """);

        Assert.Equal(key, merged.Paper.Key);
        Assert.Equal(("The owner's abstract.", "https://owner.example/paper", "icml", 2019),
            (merged.Paper.Abstract, merged.Paper.Url, merged.Paper.Venue?.Slug, merged.Paper.Year));
        Assert.Equal(("https://other.example/paper.pdf", "sparsity"), (merged.Paper.PdfUrl, merged.Paper.Keywords.Single()));
        Assert.Contains("PDF", merged.Changes);
        Assert.Contains("abstract", merged.Proposed!);
        Assert.Contains(merged.Proposed!, p => p.StartsWith("venue", StringComparison.Ordinal));
        Assert.Contains(merged.Dropped!, d => d.StartsWith("url:", StringComparison.Ordinal) && d.Contains("http(s)"));
        Assert.NotNull(merged.ProposalId);

        // The differing facts wait in the moderators' queue, as one proposal by the importer.
        var pending = (await moderator.GetFromJsonAsync<List<PaperEditView>>("/api/v1/paper-edits?status=pending"))!;
        var proposal = Assert.Single(pending, e => e.Id == merged.ProposalId);
        Assert.Equal(("trust-other", "A rewritten abstract.", key), (proposal.Proposer?.UserName, proposal.Changes.Abstract, proposal.PaperKey));
        Assert.Null(proposal.Changes.Url);

        // The same import again proposes nothing new.
        var again = await other.AddedAsync("""
            @article{rewrite, title = {Sparse signals in noisy places}, author = {Lovelace, Ada},
              journal = {Journal of Vandalism}, year = {2019}, abstract = {A rewritten abstract.},
              url = { JaVaScRiPt:alert(1)}, pdf = {https://other.example/paper.pdf}, keywords = {sparsity}}
            """);
        Assert.Equal(("unchanged", merged.ProposalId), (again.Outcome, again.ProposalId));

        // The history names who changed what, with the value before and after.
        var history = (await other.GetFromJsonAsync<List<PaperChangeView>>($"/api/v1/papers/{key}/changes"))!;
        var pdf = Assert.Single(history, c => c.Field == "pdfUrl");
        Assert.Equal(("trust-other", null, "https://other.example/paper.pdf", "import:bibtex"), (pdf.By?.UserName, pdf.Before, pdf.After, pdf.Source));
        Assert.Contains(history, c => c.Field == "created" && c.By?.UserName == "trust-owner");
        Assert.DoesNotContain(history, c => c.Field is "abstract" or "url" or "venue");

        // A moderator applying the proposal is logged too.
        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsync($"/api/v1/paper-edits/{merged.ProposalId}/apply", null)).StatusCode);
        history = (await other.GetFromJsonAsync<List<PaperChangeView>>($"/api/v1/papers/{key}/changes"))!;
        var abs = Assert.Single(history, c => c.Field == "abstract");
        Assert.Equal(("trust-moderator", "The owner's abstract.", "A rewritten abstract.", $"proposal:{merged.ProposalId}"),
            (abs.By?.UserName, abs.Before, abs.After, abs.Source));
    }

    [Fact]
    public async Task AModeratorsImportWritesDifferingFactsAndTheHistoryKeepsTheOldOnes()
    {
        var owner = await app.MemberAsync("trust-owner-2");
        var moderator = await app.ModeratorAsync("trust-moderator-2");
        var created = await owner.AddAsync(new ManualPaper("Corrected By A Moderator", ["Grace Hopper"], "ICML", 2018, "Old abstract."));
        var key = (await created.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;

        var merged = await moderator.AddedAsync("""
            @inproceedings{fix, title = {Corrected by a moderator}, author = {Hopper, Grace}, booktitle = {NeurIPS},
              year = {2018}, abstract = {New abstract.}}
            """);

        Assert.Equal(("merged", "New abstract.", "neurips"), (merged.Outcome, merged.Paper.Abstract, merged.Paper.Venue?.Slug));
        Assert.Empty(merged.Proposed!);
        var history = (await owner.GetFromJsonAsync<List<PaperChangeView>>($"/api/v1/papers/{key}/changes"))!;
        var abs = Assert.Single(history, c => c.Field == "abstract");
        Assert.Equal(("trust-moderator-2", "Old abstract.", "New abstract."), (abs.By?.UserName, abs.Before, abs.After));
    }

    [Fact]
    public async Task APreprintThenItsDoiByAMemberFillsInTheConferenceVenue()
    {
        var client = await app.MemberAsync("trust-preprint");
        var preprint = await client.AddedAsync("1512.03385");

        var merged = await client.AddedAsync("10.1109/CVPR.2016.90");

        // The preprint server stood in for a venue the paper lacked: the conference and its year are filled in.
        Assert.Equal(preprint.Paper.Key, merged.Paper.Key);
        Assert.Equal(("merged", "cvpr", 2016, "10.1109/cvpr.2016.90"), (merged.Outcome, merged.Paper.Venue?.Slug, merged.Paper.Year, merged.Paper.Doi));
        Assert.Contains("venue: arXiv → CVPR", merged.Changes);
        Assert.Contains("year: 2015 → 2016", merged.Changes);
        Assert.DoesNotContain(merged.Proposed!, p => p.StartsWith("venue", StringComparison.Ordinal) || p.StartsWith("year", StringComparison.Ordinal));

        var history = (await client.GetFromJsonAsync<List<PaperChangeView>>($"/api/v1/papers/{merged.Paper.Key}/changes"))!;
        var venue = Assert.Single(history, c => c.Field == "venue");
        Assert.Equal(("trust-preprint", "arXiv", merged.Paper.Venue!.Name, "import:crossref"), (venue.By?.UserName, venue.Before, venue.After, venue.Source));
        var year = Assert.Single(history, c => c.Field == "year");
        Assert.Equal(("2015", "2016"), (year.Before, year.After));

        // The preprint's entry imported again keeps the conference: a preprint never replaces a published venue.
        var again = await client.AddedAsync("""
            @article{he2015deep, title = {Deep Residual Learning for Image Recognition}, author = {He, Kaiming},
              journal = {arXiv preprint arXiv:1512.03385}, year = {2015}}
            """);
        Assert.Equal((merged.Paper.Key, "cvpr", 2016), (again.Paper.Key, again.Paper.Venue?.Slug, again.Paper.Year));
        Assert.Contains(again.Dropped!, d => d.StartsWith("venue: kept CVPR", StringComparison.Ordinal));
    }

    /// <summary>
    /// A preprint's venue is filled in by a published version only when that version is believable: a venue the
    /// catalogue knows and a year that can follow the preprint's. Otherwise an import matched by the DOI alone could
    /// rewrite another member's paper and create venues at will.
    /// </summary>
    [Fact]
    public async Task AnUnknownVenueOrAnImpossibleYearIsOnlyProposedForAnotherMembersPreprint()
    {
        var owner = await app.MemberAsync("trust-preprint-owner");
        var other = await app.MemberAsync("trust-preprint-vandal");
        var added = await (await owner.AddAsync(new ManualPaper("Spectral Things Of A Preprint", ["Ada Quill"], "arXiv", 2023, Doi: "10.5555/TRUST.PREPRINT")))
            .Content.ReadFromJsonAsync<AddPaperResponse>();
        var key = added!.Paper.Key;

        foreach (var (journal, year) in new[] { ("Journal of Made Up Results", 2024), ("NeurIPS", 1700), ("NeurIPS", 2031) })
        {
            var merged = await other.AddedAsync("@article{x, title = {Completely Different Title}, author = {Nobody, Ned}, journal = {" + journal
                + "}, year = {" + year + "}, doi = {https://doi.org/10.5555/trust.preprint}}");
            Assert.Equal((key, "arxiv", 2023), (merged.Paper.Key, merged.Paper.Venue?.Slug, merged.Paper.Year));
            Assert.DoesNotContain(merged.Changes, c => c.StartsWith("venue", StringComparison.Ordinal) || c.StartsWith("year", StringComparison.Ordinal));
            Assert.Contains(merged.Proposed!, p => p.StartsWith("year", StringComparison.Ordinal) || p.StartsWith("venue", StringComparison.Ordinal));
        }
        await app.Api.WithDbAsync(async db =>
            Assert.False(await db.Venues.AnyAsync(v => v.Name == "Journal of Made Up Results"), "a member's import created a venue"));
    }

    [Fact]
    public async Task AMembersImportNeverReplacesAPublishedVenue()
    {
        var owner = await app.MemberAsync("trust-published-owner");
        var other = await app.MemberAsync("trust-published-other");
        var key = (await (await owner.AddAsync(new ManualPaper("Published Venues Stand Firm", ["Edsger Dijkstra"], "ICML", 2019)))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;

        var merged = await other.AddedAsync("""
            @inproceedings{firm, title = {Published venues stand firm}, author = {Dijkstra, Edsger}, booktitle = {NeurIPS}, year = {2019}}
            """);

        Assert.Equal((key, "icml"), (merged.Paper.Key, merged.Paper.Venue?.Slug));
        Assert.Contains("venue: ICML → NeurIPS", merged.Proposed!);
        Assert.NotNull(merged.ProposalId);
    }

    [Fact]
    public async Task EveryHostileLinkInABibFileIsDroppedWithANote()
    {
        var client = await app.MemberAsync("trust-links");
        var bib = string.Join("\n\n", HostileBibtex);
        Assert.True(HostileBibtex.Count() >= 20);

        var response = await client.PostAsync("/api/v1/papers/import", new StringContent(bib, Encoding.UTF8, "application/x-bibtex"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<BibImportReport>())!;
        Assert.Equal(HostileBibtex.Count(), report.Added);
        foreach (var item in report.Items)
        {
            Assert.Contains(item.Dropped!, d => d.StartsWith("url:", StringComparison.Ordinal));
            Assert.Contains(item.Dropped!, d => d.StartsWith("pdf:", StringComparison.Ordinal));
        }
        var links = await app.Api.WithDbAsync(db => db.Papers.Where(p => p.Title.StartsWith("Hostile link number"))
            .Select(p => new { p.Url, p.PdfUrl }).ToListAsync());
        Assert.Equal(report.Added, links.Count);
        Assert.All(links, l => Assert.Equal((null, null), (l.Url, l.PdfUrl)));
    }

    static int _forms;

    public static TheoryData<string> HostileLinks() => new()
    {
        "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "//evil.example/x", "/relative", "relative.pdf", "https:\\\\evil.example", "\u0001https://ok.example",
        "https://evil.example/\u0007", "file:///etc/passwd",
    };

    [Theory]
    [MemberData(nameof(HostileLinks))]
    public async Task AFormOrEditWithAHostileLinkIsRefusedNamingTheField(string link)
    {
        var n = Interlocked.Increment(ref _forms);
        var member = await app.MemberAsync($"trust-form{n}");
        var moderator = await app.ModeratorAsync($"trust-form-mod{n}");

        var add = await member.AddAsync(new ManualPaper("Link Refusal " + Guid.NewGuid().ToString("N"), ["Eve Mallory"], PdfUrl: link));
        Assert.Equal(HttpStatusCode.BadRequest, add.StatusCode);
        var problem = (await add.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Contains("pdfUrl", problem.Errors.Keys);

        var key = (await (await member.AddAsync(new ManualPaper("Edited Link " + Guid.NewGuid().ToString("N"), ["Eve Mallory"])))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        foreach (var (client, method, url) in new[] { (moderator, HttpMethod.Patch, $"/api/v1/papers/{key}"), (member, HttpMethod.Post, $"/api/v1/papers/{key}/edits") })
        {
            var edit = await client.SendAsync(new HttpRequestMessage(method, url)
            {
                Content = JsonContent.Create(new PaperEditRequest(new PaperChanges(Url: link))),
            });
            Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
            Assert.Contains("url", (await edit.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
        }
    }

    [Fact]
    public async Task ALinkStoredBeforeTheRulesIsNotShown()
    {
        var member = await app.MemberAsync("trust-legacy");
        var key = (await (await member.AddAsync(new ManualPaper("Legacy Link Paper", ["Old Timer"], Url: "https://fine.example/")))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        await app.Api.WithDbAsync(db => db.Papers.Where(p => p.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Url, " JaVaScRiPt:alert(1)").SetProperty(p => p.PdfUrl, "data:text/html,x")));

        var paper = (await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!;

        Assert.Equal((null, null), (paper.Url, paper.PdfUrl));
        Assert.DoesNotContain("alert", paper.Bibtex);
    }
}
