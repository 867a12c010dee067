using ShortScience.Core.Browse;

namespace ShortScience.Core.Tests.Browse;

public sealed class FieldsTests
{
    [Theory]
    [InlineData("cs.LG", "cs")]
    [InlineData("stat.ML", "stat")]
    [InlineData("q-bio.NC", "q-bio")]
    [InlineData("q-fin.ST", "q-fin")]
    [InlineData("math.OC", "math")]
    [InlineData("eess.SP", "eess")]
    [InlineData("econ.EM", "econ")]
    [InlineData("hep-th", "physics")]
    [InlineData("cond-mat.stat-mech", "physics")]
    [InlineData("astro-ph.GA", "physics")]
    [InlineData("quant-ph", "physics")]
    [InlineData("math-ph", "physics")]
    [InlineData("physics.comp-ph", "physics")]
    [InlineData("made-up.XY", null)]
    [InlineData("", null)]
    public void ACategoryBelongsToItsArchivesField(string category, string? field) =>
        Assert.Equal(field, Fields.OfCategory(category));

    [Theory]
    [InlineData(new[] { "stat.ML", "cs.LG" }, "cs", "stat")]
    [InlineData(new string[0], "cs", "cs")]
    [InlineData(new string[0], "multi", null)]
    [InlineData(new[] { "nonsense", "q-bio.GN" }, "multi", "q-bio")]
    [InlineData(new string[0], null, null)]
    public void ThePapersPrimaryCategoryWinsThenItsVenue(string[] categories, string? venueField, string? expected) =>
        Assert.Equal(expected, Fields.Of(categories, venueField));
}
