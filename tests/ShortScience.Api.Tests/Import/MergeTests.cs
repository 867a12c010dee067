using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Venues;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Import;

public sealed class MergeTests(ImportApp app) : IClassFixture<ImportApp>
{
    [Fact]
    public async Task AModeratorMergesAnUnknownVenueIntoTheCanonicalOne()
    {
        var member = await app.MemberAsync("venue-member");
        var moderator = await app.ModeratorAsync("venue-moderator");
        var added = await member.AddedAsync("@inproceedings{x, title = {Mergeable Venue Paper}, author = {Ada Venue}, booktitle = {Neural Info. Proc. Sys. Conf.}, year = 2018}");
        var oldSlug = added.Paper.Venue!.Slug;
        Assert.NotEqual("neurips", oldSlug);

        var response = await moderator.PostAsJsonAsync($"/api/v1/venues/{oldSlug}/merge", new MergeRequest("neurips", "Same conference"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paper = await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{added.Paper.Key}");
        Assert.Equal("neurips", paper!.Venue?.Slug);
        // The old slug resolves to the venue it was merged into, and its name now imports there.
        Assert.Equal("neurips", (await member.GetFromJsonAsync<VenueDetail>($"/api/v1/venues/{oldSlug}"))!.Slug);
        var next = await member.AddedAsync("@inproceedings{y, title = {Second Paper There}, author = {Bo Venue}, booktitle = {Neural Info. Proc. Sys. Conf.}, year = 2018}");
        Assert.Equal("neurips", next.Paper.Venue?.Slug);
        var venues = await member.GetFromJsonAsync<List<VenueListItem>>("/api/v1/venues");
        Assert.DoesNotContain(venues!, v => v.Slug == oldSlug);
        Assert.True(await app.Api.WithDbAsync(db => db.ModerationActions.AnyAsync(a => a.Action == "merge-venue" && a.TargetId == oldSlug)));
    }

    /// <summary>Following a venue (or one of its years) or an author follows them on after a merge, once.</summary>
    [Fact]
    public async Task FollowersOfAMergedVenueOrAuthorFollowWhereItsPapersWent()
    {
        var member = await app.MemberAsync("merge-follower");
        var moderator = await app.ModeratorAsync("merge-follow-mod");
        var added = await member.AddedAsync("@inproceedings{mf, title = {Followed Through A Merge}, author = {Dee Follow}, booktitle = {Intl. Conf. on Followed Things}, year = 2019}");
        var oldVenue = added.Paper.Venue!.Slug;
        var oldAuthor = added.Paper.Authors[0].Slug!;
        var other = await member.AddedAsync("@article{mg, title = {The Author It Merges Into}, author = {D. Follow}, journal = {Journal of Merged Results}, year = 2019}");
        var newAuthor = other.Paper.Authors[0].Slug!;
        var newVenue = other.Paper.Venue!.Slug;
        foreach (var path in new[] { $"venue/{oldVenue}", $"venue-year/{oldVenue}/2019", $"author/{oldAuthor}", $"venue/{newVenue}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await member.PutAsync($"/api/v1/me/follows/{path}", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync($"/api/v1/venues/{oldVenue}/merge", new MergeRequest(newVenue))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync($"/api/v1/authors/{oldAuthor}/merge", new MergeRequest(newAuthor))).StatusCode);

        var follows = (await member.GetFromJsonAsync<List<FollowView>>("/api/v1/me/follows"))!.Select(f => $"{f.Type}/{f.Key}").Order().ToList();
        Assert.Equal(new[] { $"author/{newAuthor}", $"venue-year/{newVenue}/2019", $"venue/{newVenue}" }.Order().ToList(), follows);
    }

    [Fact]
    public async Task OnlyModeratorsMergeVenuesAndAuthors()
    {
        var member = await app.MemberAsync("merge-member");
        var added = await member.AddedAsync("@article{z, title = {Unmergeable}, author = {Cy Member}, journal = {Journal of Local Results}, year = 2018}");

        var venue = await member.PostAsJsonAsync($"/api/v1/venues/{added.Paper.Venue!.Slug}/merge", new MergeRequest("jmlr"));
        var author = await member.PostAsJsonAsync($"/api/v1/authors/{added.Paper.Authors[0].Slug}/merge", new MergeRequest("someone"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (venue.StatusCode, author.StatusCode));
    }

    [Fact]
    public async Task AModeratorMergesTwoNamesOfOneAuthor()
    {
        var member = await app.MemberAsync("author-member");
        var moderator = await app.ModeratorAsync("author-moderator");
        var short_ = await member.AddedAsync("@article{a1, title = {Early Work on Merging}, author = {Kingsley, D. P.}, journal = {Journal of Merges}, year = 2013}");
        var full = await member.AddedAsync("@article{a2, title = {Later Work on Merging}, author = {Diederik P. Kingsley and Jimmy Ba}, journal = {Journal of Merges}, year = 2015}");
        var from = short_.Paper.Authors[0].Slug;
        var into = full.Paper.Authors[0].Slug;

        var response = await moderator.PostAsJsonAsync($"/api/v1/authors/{from}/merge", new MergeRequest(into));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var author = await member.GetFromJsonAsync<AuthorDetail>($"/api/v1/authors/{from}");
        Assert.Equal((into, "Diederik P. Kingsley"), (author!.Slug, author.Name));
        Assert.Equal(2, author.Papers.Count);
        Assert.Contains("D. P. Kingsley", author.OtherNames);
        // The paper list filtered by the old slug lists the merged author's papers, as the author page does.
        var filtered = (await member.GetFromJsonAsync<Page<PaperListItem>>($"/api/v1/papers?author={from}"))!;
        Assert.Equal(2, filtered.Items.Count);
        // A paper still shows the name as printed on it, linked to the merged author.
        var early = await member.GetFromJsonAsync<PaperDetail>($"/api/v1/papers/{short_.Paper.Key}");
        Assert.Equal(new AuthorRef("D. P. Kingsley", into), early!.Authors[0]);
        var later = await member.AddedAsync("@article{a3, title = {Even Later Work}, author = {Kingsley, D. P.}, journal = {Journal of Merges}, year = 2017}");
        Assert.Equal(into, later.Paper.Authors[0].Slug);
        Assert.True(await app.Api.WithDbAsync(db => db.ModerationActions.AnyAsync(a => a.Action == "merge-author" && a.TargetId == from)));
    }

    [Fact]
    public async Task AnAuthorPageListsTheirPapers()
    {
        var member = await app.MemberAsync("author-page");
        await member.AddedAsync("1706.03762");

        var author = await member.GetFromJsonAsync<AuthorDetail>("/api/v1/authors/noam-shazeer");

        Assert.Equal("Noam Shazeer", author!.Name);
        Assert.Contains(author.Papers, p => p.Key == "1706.03762");
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/api/v1/authors/nobody-at-all")).StatusCode);
    }
}
