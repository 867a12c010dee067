using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Tests.Search;

/// <summary>A small library whose relevance questions have clear answers; seeded once per test database.</summary>
public static class SearchData
{
    static readonly ConditionalWeakTable<ApiFactory, Task> Seeded = [];

    public static Task EnsureAsync(ApiFactory app)
    {
        lock (Seeded) return Seeded.GetValue(app, a => a.WithDbAsync(SeedAsync));
    }

    static async Task SeedAsync(ShortScienceDb db)
    {
        var neurips = await TestData.VenueAsync(db, "NeurIPS", "Neural Information Processing Systems");
        db.VenueAliases.Add(new VenueAlias { VenueId = neurips.Id, Alias = "NIPS", Normalized = "nips" });
        var icml = await TestData.VenueAsync(db, "ICML", "International Conference on Machine Learning");
        var (ada, bo, cy) = (await TestData.UserAsync(db, "s-ada"), await TestData.UserAsync(db, "s-bo"), await TestData.UserAsync(db, "s-cy"));

        var transformer = await PaperAsync(db, "1706.03762", "Attention Is All You Need", neurips, 2017,
            "The dominant sequence transduction models are based on recurrent networks. We propose a simpler design.", "Ashish Vaswani", "Noam Shazeer");
        transformer.ArxivId = "1706.03762";
        transformer.Doi = "10.5555/attention.2017";
        transformer.BibtexKey = "conf/nips/VaswaniSPUJGKP17";
        await TestData.SummaryAsync(db, transformer, ada, "<p>Self-attention replaces recurrence.</p>", score: 4);

        var crowded = await PaperAsync(db, "att-survey", "Attention Mechanisms Everywhere", icml, 2018,
            "Attention, attention and more attention: a survey of attention in attention networks.", "Survey Writer");
        await TestData.SummaryAsync(db, crowded, ada, "<p>Attention attention attention everywhere you need attention.</p>", score: 9);
        await TestData.SummaryAsync(db, crowded, bo, "<p>All you need is attention, says this attention survey.</p>", score: 2);

        var gan = await PaperAsync(db, "1406.2661", "Generative Adversarial Networks", neurips, 2014,
            "Generative adversarial networks train a generator against a discriminator.", "Ian Goodfellow");
        await TestData.SummaryAsync(db, gan, bo, "<p>A minimax game between two networks.</p>");
        await PaperAsync(db, "adv-examples", "Adversarial Examples for Generative Models", icml, 2017,
            "Adversarial perturbations fool generative models built from deep networks.", "Eve Attacker");

        await PaperAsync(db, "quokka", "Quokka Counting with Convolutions", icml, 2016, "Counting small marsupials.", "Zoe Zoologist");
        var wombat = await PaperAsync(db, "wombat", "Wombat Detection", null, 2015, "Finding burrows.", "Zoe Zoologist");
        await TestData.SummaryAsync(db, wombat, cy, "<p>Wombats dig.</p>");
        var hidden = await PaperAsync(db, "hidden-quokka", "Hidden Quokka Paper", icml, 2016, "Quokka quokka.", "Zoe Zoologist");
        hidden.Status = ContentStatus.Hidden;
        var platypus = await PaperAsync(db, "monotremes", "Egg-Laying Mammals", null, 2012, "A review.", "Zoe Zoologist");
        await TestData.SummaryAsync(db, platypus, cy, "<p>The platypus is strange.</p>", status: SummaryStatus.Hidden);
        await TestData.SummaryAsync(db, platypus, bo, "<p>The echidna is spiky.</p>", status: SummaryStatus.Deleted);
        await PaperAsync(db, "unsafe", "Tokenizers in the Wild", null, 2020,
            "We feed <script>alert(1)</script> & friends to a tokenization pipeline.", "Mallory Markup");
        for (var i = 0; i < 25; i++) await PaperAsync(db, $"pangolin-{i:D2}", $"Pangolin Study {i}", null, 2000 + i % 3, "Pangolins.", "Pat Pangolin");
        await db.SaveChangesAsync();
    }

    static async Task<Paper> PaperAsync(ShortScienceDb db, string key, string title, Venue? venue, int year, string abstractText, params string[] authors)
    {
        var paper = await TestData.PaperAsync(db, key, title, venue, year, authors);
        paper.Abstract = abstractText;
        await db.SaveChangesAsync();
        return paper;
    }
}
