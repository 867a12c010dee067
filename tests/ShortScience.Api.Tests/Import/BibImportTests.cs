using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Import;

public sealed class BibImportTests(ImportApp app) : IClassFixture<ImportApp>
{
    const string Library = """
        % My reading list, exported from a reference manager.
        @string{nips = {Advances in Neural Information Processing Systems}}

        @inproceedings{goodfellow2014generative,
          title = {Generative Adversarial Nets},
          author = {Goodfellow, Ian and Pouget-Abadie, Jean and Bengio, Yoshua},
          booktitle = nips # { 27},
          year = {2014}
        }

        @article{kingma2014adam,
          title = {Adam: A Method for Stochastic Optimization},
          author = {Kingma, Diederik P. and Ba, Jimmy},
          journal = {arXiv preprint arXiv:1412.6980},
          year = {2014}
        }

        @article{broken,
          title = {This entry never closes,
          year = 2020

        @misc{notitle, author = {Nobody, Some}, year = 2001}

        @inproceedings{goodfellow2014again,
          title = {Generative adversarial nets},
          author = {Ian Goodfellow},
          booktitle = {NIPS},
          year = 2014,
          abstract = {Two networks play a game.}
        }

        @book{knuth1984,
          title = {The {\TeX}book},
          author = {Knuth, Donald E.},
          publisher = {Addison-Wesley},
          year = {1984},
          month = jan
        }
        """;

    [Fact]
    public async Task ImportingABibFileReportsWhatWasAddedMergedAndRefused()
    {
        var client = await app.MemberAsync("librarian");

        var response = await client.PostAsync("/api/v1/papers/import", new StringContent(Library, Encoding.UTF8, "application/x-bibtex"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<BibImportReport>())!;
        Assert.Equal((6, 3, 1, 0, 2), (report.Entries, report.Added, report.Merged, report.Unchanged, report.Refused));
        Assert.Equal(["goodfellow2014generative", "kingma2014adam", "broken", "notitle", "goodfellow2014again", "knuth1984"],
            report.Items.Select(i => i.CitationKey));
        var broken = report.Items.Single(i => i.CitationKey == "broken");
        Assert.Equal(("refused", 19), (broken.Outcome, broken.Line));
        Assert.Contains("never closed", broken.Reason);
        Assert.Equal("The paper has no title.", report.Items.Single(i => i.CitationKey == "notitle").Reason);

        var again = report.Items.Single(i => i.CitationKey == "goodfellow2014again");
        Assert.Equal(("merged", "goodfellow2014generative"), (again.Outcome, again.PaperKey));
        Assert.Contains("abstract", again.Changes);

        var adam = report.Items.Single(i => i.CitationKey == "kingma2014adam");
        Assert.Equal("1412.6980", adam.PaperKey);
        var gan = await client.GetFromJsonAsync<PaperDetail>("/api/v1/papers/goodfellow2014generative");
        Assert.Equal(("neurips", "Two networks play a game."), (gan!.Venue?.Slug, gan.Abstract));
        var book = await client.GetFromJsonAsync<PaperDetail>("/api/v1/papers/knuth1984texbook");
        Assert.Equal("The TeXbook", book!.Title);
    }

    [Fact]
    public async Task AFileUploadedAsAFormIsImportedAndLatin1FilesAreRead()
    {
        var client = await app.MemberAsync("uploader");
        var latin1 = Encoding.Latin1.GetBytes("@article{k, title = {Über Schätzer}, author = {Müller, Jürgen}, journal = {Biometrika}, year = 1999}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(latin1);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-bibtex");
        form.Add(file, "file", "library.bib");

        var report = (await (await client.PostAsync("/api/v1/papers/import", form)).Content.ReadFromJsonAsync<BibImportReport>())!;

        var item = Assert.Single(report.Items);
        Assert.Equal(("added", "Über Schätzer"), (item.Outcome, item.Title));
        var paper = await client.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{item.PaperKey}");
        Assert.Equal(("Jürgen Müller", "biometrika"), (paper!.Authors[0].Name, paper.Venue?.Slug));
    }

    [Fact]
    public async Task AManyEntryFileIsImportedEntryByEntry()
    {
        var client = await app.MemberAsync("bulk");
        var bib = string.Concat(Enumerable.Range(1, 150).Select(i =>
            $"@article{{e{i}, title = {{Bulk Study Number {i}}}, author = {{Author{i % 7}, Bulk}}, journal = {{Journal of Bulk Results}}, year = {{2020}}}}\n"));

        var report = (await (await client.PostAsync("/api/v1/papers/import", new StringContent(bib))).Content.ReadFromJsonAsync<BibImportReport>())!;

        Assert.Equal((150, 150), (report.Entries, report.Added));
        // One new venue for all of them, not one per entry.
        Assert.Equal(1, await app.Api.WithDbAsync(db => db.Venues.CountAsync(v => v.Name == "Journal of Bulk Results")));
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefused()
    {
        var client = await app.MemberAsync("too-much");
        var response = await client.PostAsync("/api/v1/papers/import", new StringContent(new string('%', 300_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AnEmptyBodyIsABadRequest()
    {
        var client = await app.MemberAsync("empty-import");
        var response = await client.PostAsync("/api/v1/papers/import", new StringContent(""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousVisitorsCannotImport()
    {
        var response = await app.Api.CreateClient().PostAsync("/api/v1/papers/import", new StringContent(Library));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
