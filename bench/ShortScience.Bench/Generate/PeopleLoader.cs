using Npgsql;
using NpgsqlTypes;
using ShortScience.Core.Text;

namespace ShortScience.Bench.Generate;

/// <summary>Venues, members and paper authors.</summary>
public static class PeopleLoader
{
    public static async Task<string[]> LoadAsync(NpgsqlDataSource db, World world, Random random)
    {
        await Copy.IntoAsync(db, "venues", "id, slug, name, short_name, kind, field, created_at", w =>
        {
            for (var i = 0; i < world.Venues.Count; i++)
            {
                var v = world.Venues[i];
                w.StartRow();
                w.Write(i + 1, NpgsqlDbType.Integer);
                w.Write(v.Slug); w.Write(v.Name); w.Write(v.ShortName);
                w.Write(v.Kind, NpgsqlDbType.Integer);
                if (v.Field is null) w.WriteNull(); else w.Write(v.Field);
                w.Write(world.Now.AddYears(-3), NpgsqlDbType.TimestampTz);
            }
        });

        var users = new Progress("users", world.Users);
        await Copy.IntoAsync(db, "users",
            "id, display_name, email_notifications, created_at, user_name, normalized_user_name, email, normalized_email, email_confirmed, " +
            "security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count", w =>
            {
                for (var i = 0; i < world.Users; i++)
                {
                    var first = Names.First[random.Next(Names.First.Length)];
                    var last = Names.Last[random.Next(Names.Last.Length)];
                    var name = $"{first}{last}{i}".ToLowerInvariant();
                    w.StartRow();
                    w.Write(world.UserIds[i], NpgsqlDbType.Uuid);
                    w.Write($"{first} {last}"); w.Write(true);
                    w.Write(world.Now.AddDays(-random.Next(10, 3000)), NpgsqlDbType.TimestampTz);
                    w.Write(name); w.Write(name.ToUpperInvariant());
                    w.Write($"{name}@bench.invalid"); w.Write($"{name}@bench.invalid".ToUpperInvariant());
                    w.Write(true); w.Write(Guid.NewGuid().ToString("N")); w.Write(Guid.NewGuid().ToString());
                    w.Write(false); w.Write(false); w.Write(true); w.Write(0, NpgsqlDbType.Integer);
                    users.Add();
                }
            });
        users.Done();

        // Distinct names "First [M.] Last"; slugs follow from them.
        var names = new string[world.Authors];
        var seen = new HashSet<string>();
        for (var i = 0; i < names.Length;)
        {
            var middle = random.Next(10) < 3 ? $" {(char)('A' + random.Next(26))}." : "";
            var name = $"{Names.First[random.Next(Names.First.Length)]}{middle} {Names.Last[random.Next(Names.Last.Length)]}";
            if (seen.Add(Slug.From(name))) names[i++] = name;
        }
        await Copy.IntoAsync(db, "authors", "id, slug, name, normalized_name, created_at", w =>
        {
            for (var i = 0; i < names.Length; i++)
            {
                w.StartRow();
                w.Write((long)i + 1, NpgsqlDbType.Bigint);
                w.Write(Slug.From(names[i])); w.Write(names[i]); w.Write(names[i].ToLowerInvariant());
                w.Write(world.Now.AddYears(-2), NpgsqlDbType.TimestampTz);
            }
        });
        Progress.Log($"Loaded {world.Venues.Count} venues, {world.Users:N0} users, {names.Length:N0} authors");
        return names;
    }
}
