using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Import;

/// <summary>Imports of odd but possible input: absurd arXiv versions, emoji at the abstract limit, odd Crossref JSON, other scripts.</summary>
public sealed class ImportEdgeCaseTests(ImportApp app) : IClassFixture<ImportApp>
{
    [Fact]
    public async Task AnArxivVersionTooLargeForANumberIsTheIdWithoutVersion()
    {
        var client = await app.MemberAsync("edge-version");

        var response = await client.AddAsync("1706.03762v99999999999");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!;
        Assert.Equal(("1706.03762", "1706.03762"), (added.Paper.Key, added.Paper.ArxivId));
        var again = await client.AddAsync("https://arxiv.org/abs/1706.03762v99999999999");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var found = await client.GetFromJsonAsync<PaperLookup>($"/api/v1/lookup/paper?id={Uri.EscapeDataString("arXiv:1706.03762v99999999999")}");
        Assert.Equal("1706.03762", found!.Key);
    }

    [Fact]
    public async Task AnAbstractCutBesideAnEmojiIsStoredWithoutHalfOfIt()
    {
        var client = await app.MemberAsync("edge-emoji");
        var kept = new string('a', Limits.AbstractChars - 1);

        var added = await client.AddedAsync(
            "@misc{emoji2021, title = {An Abstract Cut Beside An Emoji}, author = {Doe, Jane}, year = {2021}, abstract = {"
            + kept + "\U0001F600 and what follows}}");

        Assert.Equal("created", added.Outcome);
        Assert.Equal(kept, added.Paper.Abstract);
        Assert.Contains(added.Dropped!, d => d.StartsWith("abstract:", StringComparison.Ordinal));
        Assert.Equal(kept, await app.Api.WithDbAsync(db => db.Papers.Where(p => p.Key == added.Paper.Key).Select(p => p.Abstract).SingleAsync()));
    }

    [Fact]
    public async Task CrossrefDatesOfTheWrongShapeAreSkippedNotAFailure()
    {
        var client = await app.MemberAsync("edge-crossref");
        const string work = """
            {"status": "ok", "message": {"title": ["Dates Of Every Shape"], "DOI": "10.5555/odd-dates", "type": "journal-article",
              "author": [{"given": "Ada", "family": "Odd"}], "published-print": 2020, "published-online": {"date-parts": [[2020.5]]},
              "published": {"date-parts": [[1e12, 1, 1]]}, "issued": {"date-parts": [[2019, 1e12, 3.5]]}, "relation": [1, 2]}}
            """;
        app.Upstream.Answer("10.5555/odd-dates", Enumerable.Repeat(new FakeAnswer(200, "application/json", work), 3).ToArray());

        var response = await client.AddAsync("10.5555/odd-dates");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var paper = (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper;
        Assert.Equal(("Dates Of Every Shape", 2019, null), (paper.Title, paper.Year, paper.PublishedOn));
    }

    [Theory]
    [InlineData("edge-venue-ieee", "Proceedings of the IEEE")]
    [InlineData("edge-venue-acm", "ACM")]
    [InlineData("edge-venue-ru", "Труды Института системного программирования РАН")]
    [InlineData("edge-venue-zh", "计算机学报")]
    public async Task AVenueNameOfNoEnglishWordsIsOneVenueAcrossImports(string member, string venue)
    {
        var client = await app.MemberAsync(member);

        var first = await client.AddAsync(new ManualPaper($"First Paper At {member}", ["Ann First"], venue, 2020));
        var second = await client.AddAsync(new ManualPaper($"Second Paper At {member}", ["Bob Second"], venue, 2021));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        var one = (await first.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Venue;
        var two = (await second.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Venue;
        Assert.NotNull(one);
        Assert.Equal(one!.Slug, two?.Slug);
    }

    [Fact]
    public async Task APublishersNameAloneIsNotTheVenueNamedAfterIt()
    {
        var client = await app.MemberAsync("edge-venue-publisher");

        var journal = (await (await client.AddAsync(new ManualPaper("A Paper In The Proceedings", ["Ann First"], "Proceedings of the IEEE", 2020)))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Venue;
        var publisher = (await (await client.AddAsync(new ManualPaper("A Paper Only Its Publisher Names", ["Ann First"], "IEEE", 2020)))
            .Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Venue;

        Assert.NotNull(journal);
        Assert.NotNull(publisher);
        Assert.NotEqual(journal!.Slug, publisher!.Slug);
    }

    [Theory]
    [InlineData("edge-title-zh", "基于注意力机制的神经机器翻译", "张伟")]
    [InlineData("edge-title-ru", "Нейронный машинный перевод с механизмом внимания", "Иван Петров")]
    public async Task AnotherScriptsTitleAddedTwiceIsOnePaper(string member, string title, string author)
    {
        var client = await app.MemberAsync(member);

        var first = await client.AddAsync(new ManualPaper(title, [author], Year: 2020));
        var second = await client.AddAsync(new ManualPaper(title, [author], Year: 2020));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var key = (await first.Content.ReadFromJsonAsync<AddPaperResponse>())!.Paper.Key;
        var again = (await second.Content.ReadFromJsonAsync<AddPaperResponse>())!;
        Assert.Equal(("unchanged", key), (again.Outcome, again.Paper.Key));
        Assert.Equal(1, await app.Api.WithDbAsync(db => db.Papers.CountAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task TheSameTitleInAnotherScriptByAnotherAuthorIsAnotherPaper()
    {
        var client = await app.MemberAsync("edge-title-authors");
        const string title = "图神经网络的可解释性研究";

        var first = await client.AddAsync(new ManualPaper(title, ["王芳"], Year: 2022));
        var second = await client.AddAsync(new ManualPaper(title, ["刘洋"], Year: 2022));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, await app.Api.WithDbAsync(db => db.Papers.CountAsync(p => p.Title == title)));
    }
}
