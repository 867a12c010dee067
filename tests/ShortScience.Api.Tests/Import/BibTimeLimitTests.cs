using System.Net;
using System.Net.Http.Json;
using System.Text;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Import;

/// <summary>
/// One .bib import runs for a bounded time (here: none beyond its first entry): the entries it did not reach are
/// reported as not imported with the advice to send the file again, and sending it again does not add the first twice.
/// </summary>
public sealed class BibTimeLimitTests : IClassFixture<ApiFactory>
{
    readonly ApiFactory _app;

    public BibTimeLimitTests(ApiFactory app)
    {
        _app = app;
        app.Settings["Import:BibTimeLimitSeconds"] = "0";
    }

    [Fact]
    public async Task AnImportThatRunsOutOfTimeSaysWhatItDidNotReachAndCanBeSentAgain()
    {
        var member = await _app.MemberAsync("bib-time");
        var bib = string.Join("\n", Enumerable.Range(1, 3).Select(i =>
            $"@article{{timed{i}, title = {{Timed Entry Number {i}}}, author = {{Writer, Wanda}}, year = {{2020}}}}"));
        async Task<BibImportReport> ImportAsync()
        {
            var response = await member.PostAsync("/api/v1/papers/import", new StringContent(bib, Encoding.UTF8, "application/x-bibtex"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<BibImportReport>())!;
        }

        var first = await ImportAsync();
        Assert.Equal((3, 1, 2), (first.Entries, first.Added, first.Refused));
        Assert.Equal("added", first.Items[0].Outcome);
        Assert.All(first.Items.Skip(1), item =>
        {
            Assert.Equal("refused", item.Outcome);
            Assert.Contains("Import the file again", item.Reason);
        });

        // Sent again: what is here is recognized, not added twice (with no time at all, again only one entry is reached).
        var second = await ImportAsync();
        Assert.Equal(("unchanged", first.Items[0].PaperKey), (second.Items[0].Outcome, second.Items[0].PaperKey));
        Assert.Equal(1, await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Papers, p => p.Title == "Timed Entry Number 1")));
    }
}
