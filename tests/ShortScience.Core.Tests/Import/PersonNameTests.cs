using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Ashish Vaswani", "Ashish", "", "Vaswani", "")]
    [InlineData("Vaswani, Ashish", "Ashish", "", "Vaswani", "")]
    [InlineData("Le, Quoc V.", "Quoc V.", "", "Le", "")]
    [InlineData("Aäron van den Oord", "Aäron", "van den", "Oord", "")]
    [InlineData("van den Oord, Aäron", "Aäron", "van den", "Oord", "")]
    [InlineData("von Neumann, Jr., John", "John", "von", "Neumann", "Jr.")]
    [InlineData("Martin Luther King Jr.", "Martin Luther", "", "King", "Jr.")]
    [InlineData("Jean-Paul Sartre", "Jean-Paul", "", "Sartre", "")]
    [InlineData("Charles Louis Xavier Joseph de la Vallée Poussin", "Charles Louis Xavier Joseph", "de la", "Vallée Poussin", "")]
    [InlineData("{Barnes and Noble}", "", "", "Barnes and Noble", "")]
    [InlineData("Plato", "", "", "Plato", "")]
    [InlineData("Kingma, D.P.", "D. P.", "", "Kingma", "")]
    [InlineData("  Yoshua    Bengio ", "Yoshua", "", "Bengio", "")]
    [InlineData("SchÃ¶lkopf, Bernhard", "Bernhard", "", "Schölkopf", "")]
    [InlineData(@"Ga{\""e}l Varoquaux", "Gaël", "", "Varoquaux", "")]
    [InlineData(@"{\""U}ber, Hans", "Hans", "", "Über", "")]
    public void SplitsNamesIntoBibtexParts(string raw, string first, string von, string last, string jr)
    {
        var name = PersonName.Parse(raw);
        Assert.Equal((first, von, last, jr), (name.First, name.Von, name.Last, name.Jr));
    }

    [Theory]
    [InlineData("Le, Quoc V.", "Quoc V. Le")]
    [InlineData("AÃ¤ron van den Oord", "Aäron van den Oord")]
    [InlineData("van den Oord, A{\\\"a}ron", "Aäron van den Oord")]
    [InlineData("Hinton,  Geoffrey E.", "Geoffrey E. Hinton")]
    [InlineData("Müller, Klaus-Robert", "Klaus-Robert Müller")]
    public void NormalizesNamesFromAnySource(string raw, string expected) => Assert.Equal(expected, PersonName.Normalize(raw));

    [Fact]
    public void SplitsAuthorListsOnAndOutsideBraces()
    {
        var names = PersonName.SplitAuthors("Smith, John and {Research and Development Lab} and Doe, Jane AND others", out var others);
        Assert.Equal(["Smith, John", "{Research and Development Lab}", "Doe, Jane"], names);
        Assert.True(others);
    }

    [Theory]
    [InlineData("Ashish Vaswani", 2017, "Attention Is All You Need", "vaswani2017attention")]
    [InlineData("Aäron van den Oord", 2016, "WaveNet: A Generative Model for Raw Audio", "oord2016wavenet")]
    [InlineData("Kyunghyun Cho", 2014, "On the Properties of Neural Machine Translation", "cho2014properties")]
    [InlineData("Jürgen Schmidhuber", 1997, "Long Short-Term Memory", "schmidhuber1997long")]
    [InlineData(null, 2020, "The Title", "anon2020title")]
    [InlineData("Łukasz Kaiser", null, "A Model", "kaisermodel")]
    public void SuggestsScholarStyleCitationKeys(string? author, int? year, string title, string expected) =>
        Assert.Equal(expected, CitationKey.Suggest(author, year, title));

    [Fact]
    public void DeduplicatesKeysWithALetterSuffix()
    {
        var taken = new HashSet<string> { "vaswani2017attention", "vaswani2017attentionb" };
        Assert.Equal("vaswani2017attentionc", CitationKey.Deduplicate("vaswani2017attention", taken.Contains));
        Assert.Equal("new2020key", CitationKey.Deduplicate("new2020key", taken.Contains));
    }
}
