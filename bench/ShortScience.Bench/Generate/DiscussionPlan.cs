namespace ShortScience.Bench.Generate;

/// <summary>
/// Who votes on what and which summary each comment answers, decided up front so the summaries' scores and comment
/// counts are known before any table is loaded (the tables then load in any order, side by side).
/// </summary>
public sealed class DiscussionPlan
{
    public int[] VoteUser { get; private set; } = [];
    public int[] VoteTarget { get; private set; } = [];
    public bool[] VoteOnComment { get; private set; } = [];
    public sbyte[] VoteValue { get; private set; } = [];
    public int Votes { get; private set; }
    public int[] CommentSummary { get; private set; } = [];
    public int[] CommentParent { get; private set; } = [];
    public byte[] CommentStatus { get; private set; } = [];

    public static DiscussionPlan Make(World world, Random random)
    {
        var plan = new DiscussionPlan();
        plan.PlanComments(world, random);
        plan.PlanVotes(world, random);
        return plan;
    }

    void PlanComments(World world, Random random)
    {
        CommentSummary = new int[world.Comments];
        CommentParent = new int[world.Comments];
        CommentStatus = new byte[world.Comments];
        world.CommentCount = new int[world.Summaries];
        var lastTop = new int[world.Summaries];
        Array.Fill(lastTop, -1);
        var summaries = new Zipf(world.Popular.Length, 0.6);
        for (var c = 0; c < world.Comments; c++)
        {
            var s = world.Popular[summaries.Next(random)];
            // A third of comments answer the latest thread on that summary; replies are one level deep.
            var parent = lastTop[s] >= 0 && random.Next(10) < 3 ? lastTop[s] : -1;
            if (parent < 0) lastTop[s] = c;
            var status = (byte)(random.Next(100) switch { 0 => 1, 1 => 2, _ => 0 });
            if (status == 0) world.CommentCount[s]++;
            (CommentSummary[c], CommentParent[c], CommentStatus[c]) = (s, parent, status);
        }
    }

    void PlanVotes(World world, Random random)
    {
        world.Up = new int[world.Summaries];
        world.Down = new int[world.Summaries];
        world.CommentUp = new int[world.Comments];
        world.CommentDown = new int[world.Comments];
        VoteUser = new int[world.Votes];
        VoteTarget = new int[world.Votes];
        VoteOnComment = new bool[world.Votes];
        VoteValue = new sbyte[world.Votes];
        // Each voter's share falls off with their rank: a few people vote a lot.
        var shares = Enumerable.Range(0, world.Users).Select(i => 1 / Math.Pow(i + 1, 0.6)).ToArray();
        var total = shares.Sum();
        var summaries = new Zipf(world.Popular.Length, 0.6);
        var comments = new Zipf(world.Comments, 0.6);
        var commentOrder = Enumerable.Range(0, world.Comments).OrderBy(_ => random.Next()).ToArray();
        var mine = new HashSet<long>();
        var n = 0;
        for (var u = 0; u < world.Users && n < world.Votes; u++)
        {
            mine.Clear();
            var count = (int)Math.Round(world.Votes * shares[u] / total);
            for (var k = 0; k < count && n < world.Votes; k++)
            {
                var onComment = random.Next(5) == 0;
                var target = onComment ? commentOrder[comments.Next(random)] : world.Popular[summaries.Next(random)];
                if (!mine.Add(onComment ? target + (1L << 40) : target)) continue;
                var value = (sbyte)(random.Next(100) < 85 ? 1 : -1);
                if (onComment) { if (value > 0) world.CommentUp[target]++; else world.CommentDown[target]++; }
                else if (value > 0) world.Up[target]++;
                else world.Down[target]++;
                (VoteUser[n], VoteTarget[n], VoteOnComment[n], VoteValue[n]) = (u, target, onComment, value);
                n++;
            }
        }
        Votes = n;
    }
}
