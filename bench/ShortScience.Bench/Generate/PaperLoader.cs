using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using ShortScience.Core.Browse;
using ShortScience.Core.Text;

namespace ShortScience.Bench.Generate;

/// <summary>
/// Papers go to an unlogged staging table first: their search vectors need the authors and summaries, which are
/// loaded next; then one INSERT … SELECT moves them into papers.
/// </summary>
public static class PaperLoader
{
    const string Columns = "id, key, title, normalized_title, abstract, year, venue_id, arxiv_id, doi, bibtex_key, url, pdf_url, " +
        "keywords, categories, field, published_on, status, created_at, updated_at, summary_count, last_summary_at";

    public static async Task LoadAsync(NpgsqlDataSource db, World world, string[] authorNames, Random random)
    {
        await using (var create = db.CreateCommand("DROP TABLE IF EXISTS papers_load; CREATE UNLOGGED TABLE papers_load (LIKE papers INCLUDING DEFAULTS)"))
        {
            await create.ExecuteNonQueryAsync();
        }
        var venues = new Zipf(world.Venues.Count, 0.9);
        var authors = new Zipf(world.Authors, 0.5);
        var authorOrder = Enumerable.Range(0, world.Authors).OrderBy(_ => random.Next()).ToArray();
        var tags = Enumerable.Range(0, 3000).Select(i => i % 3 == 0 ? world.Words.ContentWord(random)
            : $"{world.Words.ContentWord(random)} {world.Words.ContentWord(random)}").Distinct().ToArray();
        var tagZipf = new Zipf(tags.Length, 0.9);
        var arxivNumbers = new Dictionary<string, int>();
        var keys = new HashSet<string>();
        var progress = new Progress("papers", world.Papers);

        await Copy.IntoBothAsync(db, ("papers_load", Columns), ("paper_authors", "paper_id, position, author_id, display_name"), (w, pa) =>
        {
            var chosen = new List<int>();
            for (var p = 0; p < world.Papers; p++)
            {
                var id = (long)p + 1;
                var year = world.YearOf(p);
                var venueIndex = venues.Next(random);
                var venue = world.Venues[venueIndex];
                var title = world.Words.Title(random);
                var field = venue.Field is "multi" or null ? Names.ExtraFields[random.Next(Names.ExtraFields.Length)] : venue.Field;
                var categories = random.NextDouble() < 0.75 && Names.Categories.TryGetValue(field, out var cats)
                    ? cats.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray() : [];

                chosen.Clear();
                var count = 1 + Math.Min(7, (int)(-Math.Log(1 - random.NextDouble()) * 3));
                while (chosen.Count < count)
                {
                    var a = authorOrder[authors.Next(random)];
                    if (!chosen.Contains(a)) chosen.Add(a);
                }
                string? arxiv = null;
                if (categories.Length > 0 && year >= 2008)
                {
                    var yymm = string.Create(CultureInfo.InvariantCulture, $"{year % 100:D2}{random.Next(1, 13):D2}");
                    var n = arxivNumbers[yymm] = arxivNumbers.GetValueOrDefault(yymm) + 1;
                    arxiv = string.CompareOrdinal(yymm, "1501") >= 0 ? $"{yymm}.{n:D5}" : $"{yymm}.{n:D4}";
                }
                var lastName = authorNames[chosen[0]].Split(' ')[^1].ToLowerInvariant();
                var citation = Slug.From($"{lastName}{year}{title.Split(' ')[0]}").Replace("-", "");
                var baseKey = citation;
                for (var n = 2; !keys.Add(citation); n++) citation = baseKey + n.ToString(CultureInfo.InvariantCulture);
                var (summaries, last) = Published(world, p);
                var created = World.Time(world.PaperTime(p, random));

                w.StartRow();
                w.Write(id, NpgsqlDbType.Bigint);
                w.Write(arxiv ?? citation);
                w.Write(title);
                w.Write(Slug.NormalizeTitle(title));
                w.Write(world.Words.Paragraph(random, random.Next(4, 8)));
                w.Write(year, NpgsqlDbType.Integer);
                w.Write(venueIndex + 1, NpgsqlDbType.Integer);
                if (arxiv is null) w.WriteNull(); else w.Write(arxiv);
                if (random.Next(10) < 4) w.Write($"10.{5000 + venueIndex}/{citation}.{id}"); else w.WriteNull();
                w.Write(citation);
                if (arxiv is null) w.WriteNull(); else w.Write($"https://arxiv.org/abs/{arxiv}");
                if (arxiv is null) w.WriteNull(); else w.Write($"https://arxiv.org/pdf/{arxiv}");
                w.Write(Enumerable.Range(0, random.Next(1, 5)).Select(_ => tags[tagZipf.Next(random)]).Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                w.Write(categories, NpgsqlDbType.Array | NpgsqlDbType.Text);
                if (Fields.Of(categories, venue.Field) is { } f) w.Write(f); else w.WriteNull();
                w.Write(DateOnly.FromDateTime(created.UtcDateTime), NpgsqlDbType.Date);
                w.Write(random.Next(200) == 0 ? 1 : 0, NpgsqlDbType.Integer);
                w.Write(created, NpgsqlDbType.TimestampTz);
                w.Write(created, NpgsqlDbType.TimestampTz);
                w.Write(summaries, NpgsqlDbType.Integer);
                if (last is null) w.WriteNull(); else w.Write(last.Value, NpgsqlDbType.TimestampTz);

                for (var i = 0; i < chosen.Count; i++)
                {
                    pa.StartRow();
                    pa.Write(id, NpgsqlDbType.Bigint);
                    pa.Write(i, NpgsqlDbType.Integer);
                    pa.Write((long)chosen[i] + 1, NpgsqlDbType.Bigint);
                    pa.Write(authorNames[chosen[i]]);
                }
                progress.Add();
            }
        });
        progress.Done();
    }

    static (int Count, DateTimeOffset? Last) Published(World world, int p)
    {
        var count = 0;
        long last = 0;
        for (var s = world.FirstSummary[p]; s < world.FirstSummary[p + 1]; s++)
        {
            if (world.SummaryStatus[s] != 1) continue;
            count++;
            last = Math.Max(last, world.SummaryPublished[s]);
        }
        return (count, count == 0 ? null : World.Time(last));
    }
}
