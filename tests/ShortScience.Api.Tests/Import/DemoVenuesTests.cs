using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Api.Demo;
using ShortScience.Core.Import;

namespace ShortScience.Api.Tests.Import;

public sealed class DemoVenuesTests(ImportApp app) : IClassFixture<ImportApp>
{
    [Fact]
    public async Task TheDemoVenuesAreTheCataloguesAndImportsFindThem()
    {
        await using (var scope = app.Api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }
        var demo = await app.Api.WithDbAsync(db => db.Venues.Select(v => new { v.Slug, v.Name, v.ShortName }).ToListAsync());
        Assert.All(demo, v =>
        {
            var known = VenueCatalogue.Default.BySlug(v.Slug);
            Assert.NotNull(known);
            Assert.Equal((known.Name, known.ShortName), (v.Name, v.ShortName));
        });

        var client = await app.MemberAsync("demo-importer");
        var nips = await client.AddedAsync("@inproceedings{n, title = {A New Demo Neighbour}, author = {Ann Demo}, booktitle = {NIPS 2016}, year = 2016}");
        var iclr = await client.AddedAsync("@inproceedings{i, title = {Another Demo Neighbour}, author = {Bob Demo}, booktitle = {Intl. Conf. on Learning Representations}, year = 2016}");

        Assert.Equal(("neurips", "iclr"), (nips.Paper.Venue?.Slug, iclr.Paper.Venue?.Slug));
        Assert.Equal(demo.Count, await app.Api.WithDbAsync(db => db.Venues.CountAsync()));
        // The demo's own arXiv papers are recognized as already here.
        var adam = await client.AddedAsync("1412.6980");
        Assert.NotEqual("created", adam.Outcome);
        Assert.Equal(("1412.6980", "iclr"), (adam.Paper.Key, adam.Paper.Venue?.Slug));
    }
}
