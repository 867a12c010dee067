using ShortScience.Core.Import;

namespace ShortScience.Bench.Generate;

/// <summary>
/// Everything decided before loading: who exists, which paper each summary is of, who wrote it, when, and whether it is
/// still published. Kept as flat arrays (a million summaries cost a few MB). Ids are array index + 1.
/// </summary>
public sealed class World
{
    public const int FirstYear = 2006;
    public const int Years = 20;

    public required int Papers { get; init; }
    public required int Summaries { get; init; }
    public required int Comments { get; init; }
    public required int Votes { get; init; }
    public required int Users { get; init; }
    public required int Authors { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required Vocabulary Words { get; init; }

    public List<(string Slug, string ShortName, string Name, int Kind, string? Field)> Venues { get; } = [];
    public Guid[] UserIds { get; private set; } = [];

    /// <summary>Summaries of paper p are FirstSummary[p] .. FirstSummary[p+1]-1 (indexes).</summary>
    public int[] FirstSummary { get; private set; } = [];
    public int[] SummaryPaper { get; private set; } = [];
    public int[] SummaryUser { get; private set; } = [];
    public byte[] SummaryStatus { get; private set; } = [];
    public long[] SummaryPublished { get; private set; } = [];

    /// <summary>Published summaries in popularity order (the first get the most votes, comments and reads).</summary>
    public int[] Popular { get; private set; } = [];

    public int[] Up { get; set; } = [];
    public int[] Down { get; set; } = [];
    public int[] CommentCount { get; set; } = [];
    public int[] CommentUp { get; set; } = [];
    public int[] CommentDown { get; set; } = [];

    public void Plan(Random random)
    {
        foreach (var v in VenueCatalogue.Default.Venues.OrderBy(v => v.Slug, StringComparer.Ordinal).Take(150))
        {
            Venues.Add((v.Slug, v.ShortName, v.Name, KindOf(v.Kind), v.Field));
        }
        for (var n = 1; Venues.Count < 150; n++)
        {
            var topic = Names.Topics[n % Names.Topics.Length];
            Venues.Add(($"ws-{ShortScience.Core.Text.Slug.From(topic)}-{n}", $"W{topic.Split(' ')[0]}{n}",
                $"Workshop on {topic} {n}", 2, Names.ExtraFields[n % Names.ExtraFields.Length]));
        }
        // The most-used venue is NeurIPS; the rest in random order, so popularity is not alphabetical.
        var order = Venues.OrderBy(v => v.Slug == "neurips" ? -1 : random.Next()).ToList();
        Venues.Clear();
        Venues.AddRange(order);

        UserIds = new Guid[Users];
        var bytes = new byte[16];
        for (var i = 0; i < Users; i++) { random.NextBytes(bytes); UserIds[i] = new Guid(bytes); }

        // 70% of papers have summaries: one each, and the rest spread with a long tail (a few papers get ~100).
        var perPaper = new int[Papers];
        var summarizable = Enumerable.Range(0, Papers).Where(_ => random.NextDouble() < 0.7).OrderBy(_ => random.Next()).ToArray();
        foreach (var p in summarizable) perPaper[p] = 1;
        var tail = new Zipf(summarizable.Length, 0.3);
        for (var extra = Summaries - summarizable.Length; extra > 0; extra--) perPaper[summarizable[tail.Next(random)]]++;

        FirstSummary = new int[Papers + 1];
        for (var p = 0; p < Papers; p++) FirstSummary[p + 1] = FirstSummary[p] + perPaper[p];
        SummaryPaper = new int[Summaries];
        SummaryUser = new int[Summaries];
        SummaryStatus = new byte[Summaries];
        SummaryPublished = new long[Summaries];
        var writers = new Zipf(Users, 0.5);
        var start = new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var end = Now.ToUnixTimeSeconds();
        var taken = new HashSet<int>();
        for (var p = 0; p < Papers; p++)
        {
            taken.Clear();
            var paperTime = Math.Max(start, PaperTime(p, random));
            for (var s = FirstSummary[p]; s < FirstSummary[p + 1]; s++)
            {
                SummaryPaper[s] = p;
                int user;
                do user = writers.Next(random); while (!taken.Add(user) && taken.Count < Users);
                SummaryUser[s] = user;
                var r = random.NextDouble();
                SummaryStatus[s] = (byte)(r < 0.97 ? 1 : r < 0.99 ? 3 : 2);
                SummaryPublished[s] = paperTime + (long)(random.NextDouble() * Math.Max(1, end - paperTime));
            }
        }
        Popular = [.. Enumerable.Range(0, Summaries).Where(s => SummaryStatus[s] == 1).OrderBy(_ => random.Next())];
    }

    /// <summary>Year of paper p: more papers every year (15% growth), like the field.</summary>
    public int YearOf(int p)
    {
        // Deterministic per paper so every loader agrees.
        var u = Hash(p, 7) / (double)uint.MaxValue;
        var total = 0.0;
        for (var y = 0; y < Years; y++) total += Math.Pow(1.15, y);
        var acc = 0.0;
        for (var y = 0; y < Years; y++)
        {
            acc += Math.Pow(1.15, y) / total;
            if (u <= acc) return FirstYear + y;
        }
        return FirstYear + Years - 1;
    }

    public long PaperTime(int p, Random random) =>
        new DateTimeOffset(YearOf(p), 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + (long)(Hash(p, 11) % (364u * 86400));

    public static uint Hash(int value, uint salt)
    {
        var h = (uint)value * 2654435761u ^ salt * 40503u;
        h ^= h >> 15; h *= 2246822519u; h ^= h >> 13; h *= 3266489917u; h ^= h >> 16;
        return h;
    }

    public static DateTimeOffset Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    static int KindOf(string kind) => kind.ToLowerInvariant() switch
    {
        "conference" => 0, "journal" => 1, "workshop" => 2, "preprint" => 3, _ => 4,
    };
}
