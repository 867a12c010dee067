using ShortScience.Contracts;

namespace ShortScience.Core.Browse;

/// <summary>
/// The broad field of a paper, from its arXiv categories ("cs.LG" → cs, "hep-th" → physics) or, without
/// categories, from its venue. The paper's own primary category wins: a NeurIPS paper filed under stat.ML is stat.
/// </summary>
public static class Fields
{
    /// <param name="categories">arXiv categories, primary first.</param>
    /// <param name="venueField">The venue's field; "multi" (Nature, Science, PNAS …) says nothing.</param>
    public static string? Of(IReadOnlyList<string> categories, string? venueField)
    {
        foreach (var category in categories)
        {
            if (OfCategory(category) is { } field) return field;
        }
        return ResearchFields.IsKnown(venueField) ? venueField : null;
    }

    /// <summary>"cs.LG" → cs; "q-bio.NC" → q-bio; "hep-th", "cond-mat.soft", "astro-ph.GA", "quant-ph" → physics.</summary>
    public static string? OfCategory(string category)
    {
        var archive = category.Trim().Split('.')[0].ToLowerInvariant();
        if (archive.Length == 0) return null;
        return archive switch
        {
            "cs" or "stat" or "math" or "q-bio" or "q-fin" or "eess" or "econ" => archive,
            // math-ph is mathematical physics: arXiv lists it with physics.
            "physics" or "astro-ph" or "cond-mat" or "gr-qc" or "hep-ex" or "hep-lat" or "hep-ph" or "hep-th" or "math-ph"
                or "nlin" or "nucl-ex" or "nucl-th" or "quant-ph" => "physics",
            _ => null,
        };
    }
}
