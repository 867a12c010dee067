using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Tests.Import;
using ShortScience.Contracts;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Papers;

/// <summary>Citation keys that last: every key a paper was known by finds it, in \cite and in lookups.</summary>
public sealed class PaperAliasesTests(ImportApp app) : IClassFixture<ImportApp>
{
    static async Task<string> CiteHrefAsync(HttpClient client, string cite)
    {
        var response = await client.PostAsJsonAsync("/api/v1/render", new RenderRequest($"See \\cite{{{cite}}}."));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var html = (await response.Content.ReadFromJsonAsync<RenderResponse>())!.Html;
        var link = Regex.Match(html, "class=\"citation\"[^>]*>.*?<a [^>]*href=\"([^\"]+)\"", RegexOptions.Singleline);
        Assert.True(link.Success, html);
        return WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    static async Task<HttpStatusCode> LookupAsync(HttpClient client, string id, string? expectedKey)
    {
        var response = await client.GetAsync($"/api/v1/lookup/paper?id={Uri.EscapeDataString(id)}");
        if (expectedKey is not null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expectedKey, (await response.Content.ReadFromJsonAsync<PaperLookup>())!.Key);
        }
        return response.StatusCode;
    }

    [Fact]
    public async Task TheImportedBibtexKeyAndTheDblpKeyStayAliasesOfThePaper()
    {
        var client = await app.MemberAsync("aliaser");
        var added = await client.AddedAsync("""
            @inproceedings{DBLP:conf/nips/GoodfellowPMXWOCB14,
              author = {Ian J. Goodfellow and Jean Pouget-Abadie and Mehdi Mirza},
              title = {Generative Adversarial Nets},
              booktitle = {NeurIPS},
              year = {2014}
            }
            """);
        var key = added.Paper.Key;
        var mine = await client.AddedAsync("""
            @article{myFavouritePaper,
              author = {Ada Lovelace},
              title = {Notes on the Analytical Engine by an alias},
              journal = {Taylor's Scientific Memoirs},
              year = {1843}
            }
            """);

        Assert.Equal($"/papers/{Uri.EscapeDataString(key)}", await CiteHrefAsync(client, "conf/nips/GoodfellowPMXWOCB14"));
        Assert.Equal($"/papers/{Uri.EscapeDataString(key)}", await CiteHrefAsync(client, "DBLP:conf/nips/GoodfellowPMXWOCB14"));
        Assert.Equal($"/papers/{Uri.EscapeDataString(mine.Paper.Key)}", await CiteHrefAsync(client, "myFavouritePaper"));
        await LookupAsync(client, "conf/nips/GoodfellowPMXWOCB14", key);
        await LookupAsync(client, "myfavouritepaper", mine.Paper.Key);
        var aliases = await app.Api.WithDbAsync(db => db.PaperAliases.Where(a => a.Paper.Key == key).Select(a => a.Key).ToListAsync());
        Assert.Contains("DBLP:conf/nips/GoodfellowPMXWOCB14", aliases);
        Assert.Contains("conf/nips/GoodfellowPMXWOCB14", aliases);
    }

    [Fact]
    public async Task AKeyIsKeptWhenTheSamePaperIsImportedAgainUnderAnotherKey()
    {
        var client = await app.MemberAsync("remerger");
        var first = await client.AddedAsync("@article{first2019, title = {A Paper Imported Twice}, author = {Bo Xu}, journal = {J}, year = {2019}}");
        var second = await client.AddedAsync("@article{someoneElses, title = {A Paper Imported Twice}, author = {Bo Xu}, journal = {J}, year = {2019}}");

        Assert.Equal(first.Paper.Key, second.Paper.Key);
        Assert.Equal($"/papers/{first.Paper.Key}", await CiteHrefAsync(client, "someoneElses"));
    }

    [Fact]
    public async Task DblpKeysOfArxivPapersFindThePaperByItsArxivId()
    {
        await app.Api.WithDbAsync(async db =>
        {
            var paper = await TestData.PaperAsync(db, "vaswani2017attention", "Attention Is All You Need", null, 2017, "Ashish Vaswani");
            paper.ArxivId = "1706.03762";
            await db.SaveChangesAsync();
        });
        var client = await app.MemberAsync("dblp");

        Assert.Equal("/papers/vaswani2017attention", await CiteHrefAsync(client, "journals/corr/abs-1706-03762"));
        Assert.Equal("/papers/vaswani2017attention", await CiteHrefAsync(client, "1706.03762v5"));
        await LookupAsync(client, "journals/corr/abs-1706-03762", "vaswani2017attention");
    }

    [Theory]
    [InlineData("2112.99999", "https://arxiv.org/abs/2112.99999")]
    [InlineData("arXiv:2112.99998v2", "https://arxiv.org/abs/2112.99998")]
    [InlineData("journals/corr/abs-2112-99997", "https://arxiv.org/abs/2112.99997")]
    [InlineData("doi:10.9999/Not.Here", "https://doi.org/10.9999/not.here")]
    [InlineData("conf/nowhere/Nobody99", "/papers/add?key=conf%2Fnowhere%2FNobody99")]
    [InlineData("nobody2099nothing", "/papers/add?key=nobody2099nothing")]
    public async Task ACitationOfAPaperNotHereLinksSomewhereUseful(string cite, string href)
    {
        var client = await app.MemberAsync("citer-" + Math.Abs(cite.GetHashCode() % 100000));
        Assert.Equal(href, await CiteHrefAsync(client, cite));
    }

    [Fact]
    public async Task AnUnknownKeyIsNotFoundByTheLookupApi()
    {
        Assert.Equal(HttpStatusCode.NotFound, await LookupAsync(app.Api.CreateClient(), "conf/nowhere/Nobody98", null));
    }

    /// <summary>
    /// An alias belongs to the paper that claimed it first: a later paper whose suggested key or BibTeX key is the
    /// same text gets another key, and \cite and old links keep finding the first.
    /// </summary>
    [Fact]
    public async Task ALaterPaperCannotTakeAnAliasAnotherPaperHas()
    {
        var first = await app.MemberAsync("alias-first");
        var later = await app.MemberAsync("alias-later");
        var claimed = await first.AddedAsync("""
            @article{hopper1952compiler,
              author = {Grace Hopper},
              title = {The Education of a Computer},
              journal = {Proceedings of the ACM},
              year = {1952}
            }
            """);
        Assert.NotEqual("hopper1952compiler", claimed.Paper.Key); // the alias, not its key (the key is suggested from the title)

        // A different paper whose suggested key would be the alias text: "Hopper", 1952, a title starting "Compiler".
        var other = await later.AddedAsync("""
            @article{somethingElse,
              author = {Grace Hopper},
              title = {Compiler Notes},
              journal = {Another Journal},
              year = {1952}
            }
            """);
        Assert.NotEqual(claimed.Paper.Key, other.Paper.Key);
        Assert.NotEqual("hopper1952compiler", other.Paper.Key);
        Assert.Equal($"/papers/{Uri.EscapeDataString(claimed.Paper.Key)}", await CiteHrefAsync(later, "hopper1952compiler"));
        await LookupAsync(later, "hopper1952compiler", claimed.Paper.Key);
    }

    /// <summary>A DOI a member's import only proposed (the paper has another) is not an alias of the paper.</summary>
    [Fact]
    public async Task AnIdentifierThatWasOnlyProposedLeadsNowhere()
    {
        var member = await app.MemberAsync("alias-proposer");
        var paper = await member.AddedAsync("""
            @article{lamport1978time,
              author = {Leslie Lamport},
              title = {Time, Clocks, and the Ordering of Events in a Distributed System},
              journal = {Communications of the ACM},
              year = {1978},
              doi = {10.1145/359545.359563}
            }
            """);
        var again = await (await app.MemberAsync("alias-proposer2")).AddedAsync("""
            @article{lamportAgain,
              author = {Leslie Lamport},
              title = {Time, Clocks, and the Ordering of Events in a Distributed System},
              journal = {Communications of the ACM},
              year = {1978},
              doi = {10.9999/not-this-one}
            }
            """);
        Assert.Equal(paper.Paper.Key, again.Paper.Key);
        Assert.Contains("doi", again.Proposed ?? [], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, await LookupAsync(member, "10.9999/not-this-one", null));
        await LookupAsync(member, "lamportAgain", paper.Paper.Key); // its citation key is an alias all the same
        await LookupAsync(member, "10.1145/359545.359563", paper.Paper.Key);
    }
}
