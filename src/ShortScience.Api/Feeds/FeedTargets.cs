using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Venues;
using ShortScience.Data;
using ShortScience.Data.Entities;
using ShortScience.Contracts;

namespace ShortScience.Api.Feeds;

/// <summary>Finds what a feed or a follow names; merged venues and authors answer with what they were merged into.</summary>
public static class FeedTargets
{
    public sealed record Person(Guid Id, string UserName, string DisplayName);

    public static Task<Person?> UserAsync(ShortScienceDb db, string name, CancellationToken ct)
    {
        var normalized = name.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new Person(u.Id, u.UserName!, u.DisplayName)).FirstOrDefaultAsync(ct);
    }

    public static Task<Paper?> PaperAsync(ShortScienceDb db, string key, CancellationToken ct) =>
        db.Papers.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key && p.Status == ContentStatus.Visible, ct);

    /// <summary>A four-digit year a paper could have.</summary>
    public static bool TryYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text.Length == 4 && Limits.IsListedYear(year);

    public static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
