using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShortScience.Core.Import;

/// <summary>A venue as the catalogue ships it: canonical names, kind, field and the variants bibliographies use.</summary>
public sealed record CatalogueVenue(
    string Slug, string ShortName, string Name, string Kind, string? Field, string? Url, IReadOnlyList<string> Aliases)
{
    /// <summary>Every name this venue answers to: its own two and the aliases.</summary>
    public IEnumerable<string> AllNames => Aliases.Prepend(Name).Prepend(ShortName).Distinct(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The venues shipped with ShortScience (Import/venues.json), indexed by normalized name.</summary>
public sealed partial class VenueCatalogue
{
    public static VenueCatalogue Default { get; } = Load();

    readonly Dictionary<string, CatalogueVenue> _byKey = [];
    readonly Dictionary<string, CatalogueVenue> _bySlug = new(StringComparer.OrdinalIgnoreCase);

    public VenueCatalogue(IEnumerable<CatalogueVenue> venues)
    {
        foreach (var venue in venues)
        {
            _bySlug.Add(venue.Slug, venue);
            foreach (var name in venue.AllNames)
            {
                var key = VenueNames.Normalize(name);
                if (_byKey.TryGetValue(key, out var other) && other != venue)
                {
                    throw new InvalidDataException($"Venue catalogue: '{name}' of {venue.Slug} normalizes like a name of {other.Slug}.");
                }
                _byKey[key] = venue;
            }
        }
    }

    public IReadOnlyCollection<CatalogueVenue> Venues => _bySlug.Values;

    public CatalogueVenue? BySlug(string slug) => _bySlug.GetValueOrDefault(slug);

    /// <summary>The venue with this normalized name (see <see cref="VenueNames.Normalize"/>).</summary>
    public CatalogueVenue? ByKey(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The catalogue venue an imported venue string means, if any.</summary>
    public CatalogueVenue? Match(string venue) =>
        VenueNames.Candidates(venue).Select(ByKey).FirstOrDefault(v => v is not null);

    /// <summary>A guess at the kind of a venue the catalogue does not know, from the words in its name.</summary>
    public static string GuessKind(string venue)
    {
        var text = venue.ToLowerInvariant();
        if (text.Contains("workshop")) return "workshop";
        if (PreprintWords().IsMatch(text)) return "preprint";
        if (JournalWords().IsMatch(text)) return "journal";
        if (ConferenceWords().IsMatch(text)) return "conference";
        return "other";
    }

    /// <summary>A readable name for a new venue: no "Proceedings of the", ordinals, years or volumes.</summary>
    public static string CleanName(string venue)
    {
        var text = TextCleaner.Clean(Latex.ToUnicode(Mojibake.Repair(venue)));
        text = Proceedings().Replace(text, "");
        text = Noise().Replace(text, " ");
        text = SpaceInParens().Replace(text, m => m.Value.Trim());
        text = TextCleaner.Clean(EmptyParens().Replace(text, " "));
        return text.Trim(' ', ',', ';', ':', '-', '–', '.');
    }

    static VenueCatalogue Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ShortScience.Core.Import.venues.json")
            ?? throw new InvalidOperationException("The venue catalogue is not embedded in ShortScience.Core.");
        var venues = JsonSerializer.Deserialize<List<CatalogueVenue>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("The venue catalogue is empty.");
        return new VenueCatalogue(venues);
    }

    [GeneratedRegex(@"\b(?:arxiv|preprint|biorxiv|medrxiv|ssrn|e-?prints?|repository)\b")]
    private static partial Regex PreprintWords();

    [GeneratedRegex(@"\b(?:journal|transactions|letters|review|magazine|annals|bulletin|quarterly|j\.|trans\.)")]
    private static partial Regex JournalWords();

    [GeneratedRegex(@"\b(?:conference|conf\.|symposium|proceedings|proc\.|meeting|congress|colloquium|summit|forum)")]
    private static partial Regex ConferenceWords();

    [GeneratedRegex(@"^\s*(?:proceedings|proc\.)\s+(?:of\s+)?(?:the\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex Proceedings();

    [GeneratedRegex(@"\b(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d|'\d\d|(?:vol\.?|volume)\s*\d+)\b|\s\d{1,3}(?=\s|$|[,:)])", RegexOptions.IgnoreCase)]
    private static partial Regex Noise();

    [GeneratedRegex(@"\(\s+|\s+\)")]
    private static partial Regex SpaceInParens();

    [GeneratedRegex(@"\(\s*\)")]
    private static partial Regex EmptyParens();
}
