using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data.Entities;
using ShortScience.Api.Tests.Import;

namespace ShortScience.Api.Tests.Papers;

public sealed class PaperEditsTests(ImportApp app) : IClassFixture<ImportApp>
{
    async Task<string> PaperAsync(HttpClient client, string title) =>
        (await (await client.AddAsync(new ManualPaper(title, ["Edit Author"], "arXiv", 2020))).Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;

    [Fact]
    public async Task AMemberProposesAndAModeratorApplies()
    {
        var member = await app.MemberAsync("proposer");
        var moderator = await app.ModeratorAsync("applier");
        var key = await PaperAsync(member, "A Paper With A Typpo");

        var proposed = await member.PostAsJsonAsync($"/api/v1/papers/{key}/edits", new PaperEditRequest(
            new PaperChanges(Title: "A Paper Without A Typo", Venue: "ICML 2021", Year: 2021, Authors: ["Doe, Jane", "Edit Author"]),
            "The title had a typo and the paper appeared at ICML."));
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var edit = (await proposed.Content.ReadFromJsonAsync<PaperEditView>())!;
        Assert.Equal((EditStatus.Pending, "proposer"), (edit.Status, edit.Proposer?.UserName));

        var pending = await moderator.GetFromJsonAsync<List<PaperEditView>>("/api/v1/paper-edits?status=pending");
        Assert.Contains(pending!, e => e.Id == edit.Id && e.Changes.Title == "A Paper Without A Typo");

        var applied = await moderator.PostAsJsonAsync($"/api/v1/paper-edits/{edit.Id}/apply", new ReviewEditRequest("Checked against the proceedings."));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(EditStatus.Applied, (await applied.Content.ReadFromJsonAsync<PaperEditView>())!.Status);

        var paper = await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}");
        Assert.Equal(("A Paper Without A Typo", "icml", 2021), (paper!.Title, paper.Venue?.Slug, paper.Year));
        Assert.Equal(["Jane Doe", "Edit Author"], paper.Authors.Select(a => a.Name));
        var logged = await app.Api.WithDbAsync(db => db.ModerationActions.SingleAsync(a => a.Action == "apply-edit" && a.TargetId == key));
        Assert.Contains("title", logged.Reason);
        Assert.Contains("Checked against the proceedings.", logged.Reason);
    }

    [Fact]
    public async Task AModeratorRejectsAProposalAndThePaperStaysAsItWas()
    {
        var member = await app.MemberAsync("rejected-proposer");
        var moderator = await app.ModeratorAsync("rejecter");
        var key = await PaperAsync(member, "Leave Me Alone");
        var edit = (await (await member.PostAsJsonAsync($"/api/v1/papers/{key}/edits",
            new PaperEditRequest(new PaperChanges(Title: "Vandalized")))).Content.ReadFromJsonAsync<PaperEditView>())!;

        var rejected = await moderator.PostAsJsonAsync($"/api/v1/paper-edits/{edit.Id}/reject", new ReviewEditRequest("Not an improvement."));

        Assert.Equal(EditStatus.Rejected, (await rejected.Content.ReadFromJsonAsync<PaperEditView>())!.Status);
        Assert.Equal("Leave Me Alone", (await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.Title);
        Assert.Equal(HttpStatusCode.Conflict, (await moderator.PostAsync($"/api/v1/paper-edits/{edit.Id}/apply", null)).StatusCode);
        Assert.True(await app.Api.WithDbAsync(db => db.ModerationActions.AnyAsync(a => a.Action == "reject-edit" && a.TargetId == key)));
    }

    [Fact]
    public async Task AReviewsReasonIsCheckedLikeAnyRequestBodyAndABadOneChangesNothing()
    {
        var member = await app.MemberAsync("reasoned-proposer");
        var moderator = await app.ModeratorAsync("reasoned-reviewer");
        var key = await PaperAsync(member, "A Paper Awaiting Review");
        var proposed = await member.PostAsJsonAsync($"/api/v1/papers/{key}/edits", new PaperEditRequest(new PaperChanges(Year: 2021), "It appeared in 2021."));
        var edit = (await proposed.Content.ReadFromJsonAsync<PaperEditView>())!;

        // JSON without its content type, and a reason past its limit: refused, and the proposal still waits.
        var untyped = await moderator.PostAsync($"/api/v1/paper-edits/{edit.Id}/apply", new ByteArrayContent("""{"reason":"x"}"""u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, untyped.StatusCode);
        Assert.Equal("application/problem+json", untyped.Content.Headers.ContentType?.MediaType);
        var tooLong = await moderator.PostAsJsonAsync($"/api/v1/paper-edits/{edit.Id}/reject", new ReviewEditRequest(new string('r', Limits.ModerationReasonChars + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("reason", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(EditStatus.Pending, await app.Api.WithDbAsync(db => db.PaperEdits.Where(e => e.Id == edit.Id).Select(e => e.Status).SingleAsync()));

        // No body at all is no reason, and fine.
        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsync($"/api/v1/paper-edits/{edit.Id}/apply", null)).StatusCode);
    }

    [Fact]
    public async Task OnlyModeratorsReviewEditsOrEditDirectly()
    {
        var member = await app.MemberAsync("not-a-moderator");
        var key = await PaperAsync(member, "Guarded Paper");
        var edit = (await (await member.PostAsJsonAsync($"/api/v1/papers/{key}/edits",
            new PaperEditRequest(new PaperChanges(Year: 2019)))).Content.ReadFromJsonAsync<PaperEditView>())!;

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/paper-edits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/v1/paper-edits/{edit.Id}/apply", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PatchAsJsonAsync($"/api/v1/papers/{key}",
            new PaperEditRequest(new PaperChanges(Year: 2019)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api.CreateClient().PostAsJsonAsync($"/api/v1/papers/{key}/edits",
            new PaperEditRequest(new PaperChanges(Year: 2019)))).StatusCode);
    }

    [Fact]
    public async Task AModeratorEditsDirectlyAndTheChangeIsLogged()
    {
        var moderator = await app.ModeratorAsync("direct-editor");
        var key = await PaperAsync(moderator, "Directly Edited");

        var response = await moderator.PatchAsJsonAsync($"/api/v1/papers/{key}",
            new PaperEditRequest(new PaperChanges(Doi: "https://doi.org/10.5555/DIRECT", Keywords: ["editing"]), "Added the DOI."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paper = (await response.Content.ReadFromJsonAsync<PaperDetail>())!;
        Assert.Equal(("10.5555/direct", "editing"), (paper.Doi, paper.Keywords.Single()));
        var logged = await app.Api.WithDbAsync(db => db.ModerationActions.SingleAsync(a => a.Action == "edit-paper" && a.TargetId == key));
        Assert.Equal("paper", logged.TargetType);
    }

    [Fact]
    public async Task ADoiAnotherPaperHasIsAConflict()
    {
        var moderator = await app.ModeratorAsync("conflicted");
        var first = await PaperAsync(moderator, "First Holder");
        var second = await PaperAsync(moderator, "Second Claimant");
        await moderator.PatchAsJsonAsync($"/api/v1/papers/{first}", new PaperEditRequest(new PaperChanges(Doi: "10.5555/taken")));

        var response = await moderator.PatchAsJsonAsync($"/api/v1/papers/{second}", new PaperEditRequest(new PaperChanges(Doi: "10.5555/TAKEN")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData(null, null, "changes")]
    [InlineData("", null, "title")]
    [InlineData(null, "not a doi", "doi")]
    public async Task InvalidChangesAreRefused(string? title, string? doi, string parameter)
    {
        var member = await app.MemberAsync($"invalid-{parameter}");
        var key = await PaperAsync(member, $"Validated {parameter}");
        var response = await member.PostAsJsonAsync($"/api/v1/papers/{key}/edits", new PaperEditRequest(new PaperChanges(Title: title, Doi: doi)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.ProblemAsync()).Extensions["parameter"]?.ToString());
    }

    /// <summary>A list holding a JSON null is refused naming the field, at a proposal and at a moderator's edit.</summary>
    [Fact]
    public async Task AListWithANullInItIsRefusedNotStored()
    {
        var member = await app.MemberAsync("null-proposer");
        var moderator = await app.ModeratorAsync("null-editor");
        var key = await PaperAsync(member, "A Paper Nobody Nulls");
        foreach (var body in new[] { """{"changes":{"authors":[null]}}""", """{"changes":{"keywords":["ok",null]}}""" })
        {
            foreach (var (client, method, path) in new[] { (member, HttpMethod.Post, $"/api/v1/papers/{key}/edits"), (moderator, HttpMethod.Patch, $"/api/v1/papers/{key}") })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        Assert.Equal(0, await app.Api.WithDbAsync(db => db.PaperEdits.CountAsync(e => e.Paper.Key == key)));
    }

    /// <summary>Two moderators (or a double click) applying one proposal at once: it is applied once, the other told.</summary>
    [Fact]
    public async Task AProposalReviewedTwiceAtOnceIsReviewedOnce()
    {
        var member = await app.MemberAsync("twice-proposer");
        var first = await app.ModeratorAsync("twice-first");
        var second = await app.ModeratorAsync("twice-second");
        var key = await PaperAsync(member, "Reviewed At Once");
        var edit = (await (await member.PostAsJsonAsync($"/api/v1/papers/{key}/edits",
            new PaperEditRequest(new PaperChanges(Title: "Reviewed Once", Authors: ["Edit Author", "Second Author"]), "both"))).Content.ReadFromJsonAsync<PaperEditView>())!;

        var answers = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/v1/paper-edits/{edit.Id}/apply", new ReviewEditRequest("yes")),
            second.PostAsJsonAsync($"/api/v1/paper-edits/{edit.Id}/reject", new ReviewEditRequest("no")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var status = await app.Api.WithDbAsync(db => db.PaperEdits.Where(e => e.Id == edit.Id).Select(e => e.Status).SingleAsync());
        var title = (await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{key}"))!.Title;
        // Whichever came first decided, and the paper agrees with it.
        Assert.Equal(status == EditStatus.Applied ? "Reviewed Once" : "Reviewed At Once", title);
        Assert.Equal(1, await app.Api.WithDbAsync(db => db.ModerationActions.CountAsync(a => a.TargetId == key && (a.Action == "apply-edit" || a.Action == "reject-edit"))));
    }
}
