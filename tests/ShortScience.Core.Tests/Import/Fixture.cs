namespace ShortScience.Core.Tests.Import;

/// <summary>Recorded answers of arXiv, Crossref and DataCite, kept in tests/Fixtures/Import.</summary>
static class Fixture
{
    public static string Read(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", path));
}
