using ShortScience.Contracts;

namespace ShortScience.Api.Caching;

/// <summary>
/// What an anonymous API read depends on, from its address: the tags its cached entry carries here and, through the
/// <see cref="CacheTags.Header"/> response header, in the Web host's page cache. A write evicts the same names
/// (<see cref="Caching.CacheEviction"/>). Reads no rule names are <see cref="CacheTags.Untraced"/>: every write evicts them.
/// </summary>
public static class ReadTags
{
    public static List<string> For(PathString path)
    {
        var value = path.Value ?? "";
        const string prefix = "/api/v1/";
        if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return [CacheTags.Untraced];
        var s = value[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length == 0) return [CacheTags.Untraced];
        var root = s[0].ToLowerInvariant();
        string? Id(int i) => s.Length > i ? s[i] : null;
        bool Number(int i) => long.TryParse(Id(i), out _);
        long N(int i) => long.Parse(s[i], System.Globalization.CultureInfo.InvariantCulture);

        return (root, s.Length) switch
        {
            // A paper's detail, questions, BibTeX; "/papers/bibtex" is a list chosen by the query.
            ("papers", 1) => [CacheTags.Summaries],
            ("papers", _) when Id(1)!.Equals("bibtex", StringComparison.OrdinalIgnoreCase) => [CacheTags.Untraced],
            ("papers", _) => [CacheTags.Paper(Id(1)!)],
            ("summaries", 1) => [CacheTags.Summaries],
            ("summaries", _) when Number(1) => [CacheTags.Summary(N(1))],
            ("comments", _) when Number(1) => [CacheTags.Comment(N(1))],
            ("questions", 1) => [CacheTags.Questions],
            ("questions", _) when Number(1) => [CacheTags.Question(N(1))],
            ("answers", _) when Number(1) => [CacheTags.Answer(N(1))],
            ("venues", 1) => [CacheTags.Venues],
            ("venues", 2) => [CacheTags.Venue(Id(1)!)],
            ("venues", _) when int.TryParse(Id(2), out _) => [CacheTags.VenueYear(Id(1)!, Id(2)!)],
            ("years", _) when int.TryParse(Id(1), out _) => [CacheTags.Year(Id(1)!)],
            ("tags", 2) => [CacheTags.Tag(Links.SegmentValue(Id(1)!))],
            ("authors", _) => [CacheTags.Author(Id(1)!)],
            ("users", _) => [CacheTags.User(Id(1)!)],
            ("search", _) or ("lookup", _) => [CacheTags.Search],
            _ => [CacheTags.Untraced],
        };
    }
}
