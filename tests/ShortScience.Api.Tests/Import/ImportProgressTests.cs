using System.Net;
using System.Net.Http.Json;
using System.Text;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Import;

/// <summary>
/// A .bib import sent with <c>?progress={token}</c> can be asked how far it has come while it runs, by the member who
/// sent it and nobody else, so that the page that sent it can say so instead of a silent wait.
/// </summary>
public sealed class ImportProgressTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ALargeImportSaysHowFarItHasComeWhileItRunsAndWhenItIsDone()
    {
        var member = await app.MemberAsync("progress-librarian");
        const int entries = 400;
        var bib = string.Join("\n", Enumerable.Range(1, entries).Select(i =>
            $"@article{{progress{i}, title = {{A Paper On Progress Number {i}}}, author = {{Writer, Wanda and Reader, Rob}}, journal = {{Journal of Waiting}}, year = {{2021}}}}"));
        var token = Guid.NewGuid().ToString();

        var importing = member.PostAsync($"/api/v1/papers/import?progress={token}", new StringContent(bib, Encoding.UTF8, "application/x-bibtex"));
        var seen = new List<ImportProgressView>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (seen.Count == 0 || !seen[^1].Finished)
        {
            if (importing.IsCompleted && (await importing).StatusCode != HttpStatusCode.OK) Assert.Fail($"the import answered {(await importing).StatusCode}");
            Assert.True(DateTime.UtcNow < deadline, "the import never said it had finished");
            var asked = await member.GetAsync($"/api/v1/papers/import/progress/{token}");
            if (asked.StatusCode == HttpStatusCode.OK) seen.Add((await asked.Content.ReadFromJsonAsync<ImportProgressView>())!);
            else Assert.Equal(HttpStatusCode.NotFound, asked.StatusCode); // not started yet
            await Task.Delay(10);
        }
        var report = (await (await importing).Content.ReadFromJsonAsync<BibImportReport>())!;

        Assert.Equal(entries, report.Added);
        Assert.Equal(new ImportProgressView(entries, entries, true), seen[^1]);
        Assert.All(seen, v => Assert.Equal(entries, v.Total));
        Assert.Equal(seen.Select(v => v.Done).Order(), seen.Select(v => v.Done));
        // Seen running, part of the way through, not only before and after.
        Assert.Contains(seen, v => !v.Finished && v.Done > 0 && v.Done < entries);
    }

    [Fact]
    public async Task OnlyTheMemberWhoSentTheImportReadsItsProgressAndTokensAreChecked()
    {
        var member = await app.MemberAsync("progress-owner");
        var other = await app.MemberAsync("progress-other");
        var token = "my-import_" + Guid.NewGuid().ToString("N");
        var bib = "@article{owned1, title = {An Owned Import}, author = {Owner, Olga}, year = {2020}}";

        Assert.Equal(HttpStatusCode.OK, (await member.PostAsync($"/api/v1/papers/import?progress={token}", new StringContent(bib))).StatusCode);

        Assert.Equal(new ImportProgressView(1, 1, true), await member.GetFromJsonAsync<ImportProgressView>($"/api/v1/papers/import/progress/{token}"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/papers/import/progress/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/papers/import/progress/{token}")).StatusCode);
        // Another member's import under the same token neither takes it over nor shows them the first one.
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync($"/api/v1/papers/import?progress={token}", new StringContent(bib))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/papers/import/progress/{token}")).StatusCode);
        Assert.Equal(new ImportProgressView(1, 1, true), await member.GetFromJsonAsync<ImportProgressView>($"/api/v1/papers/import/progress/{token}"));

        foreach (var bad in new[] { "short", new string('a', 65), "has space1", "semi;colon", "%00000000" })
        {
            var refused = await member.PostAsync($"/api/v1/papers/import?progress={Uri.EscapeDataString(bad)}", new StringContent(bib));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("progress", await refused.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/v1/papers/import/progress/{Uri.EscapeDataString(bad)}")).StatusCode);
        }
    }
}
