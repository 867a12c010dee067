using Microsoft.EntityFrameworkCore;
using ShortScience.Contracts;
using ShortScience.Data;

namespace ShortScience.Api.Votes;

/// <summary>
/// Everything that can be voted on, as one table: its names in URLs, who wrote it (when it may get votes now) and
/// where its score lives. Voting and account deletion both change scores through it, so a new kind of target is
/// one row here, not another copy of the score arithmetic.
/// </summary>
public static class Votables
{
    sealed record Kind(VoteTarget Target, string Name, string Plural, string Table, Func<ShortScienceDb, long, CancellationToken, Task<Guid?>> Owner)
    {
        // Table names are constants of this class, never input.
        public string UpdateSql { get; } = "UPDATE " + Table + " SET score = score + {0}, upvotes = upvotes + {1}, downvotes = downvotes + {2} WHERE id = {3}";
        public string ScoreSql { get; } = "SELECT score AS \"Value\" FROM " + Table + " WHERE id = {0}";
    }

    static readonly Kind[] Kinds =
    [
        new(VoteTarget.Summary, "summary", "summaries", "summaries",
            (db, id, ct) => db.Summaries.Published().Where(s => s.Id == id).Select(s => (Guid?)s.UserId).FirstOrDefaultAsync(ct)),
        new(VoteTarget.Comment, "comment", "comments", "comments",
            (db, id, ct) => db.Comments.Shown().Where(c => c.Id == id).Select(c => (Guid?)c.UserId).FirstOrDefaultAsync(ct)),
        new(VoteTarget.Question, "question", "questions", "questions",
            (db, id, ct) => db.Questions.Shown().Where(q => q.Id == id).Select(q => (Guid?)q.UserId).FirstOrDefaultAsync(ct)),
        new(VoteTarget.Answer, "answer", "answers", "answers",
            (db, id, ct) => db.Answers.Shown().Where(a => a.Id == id).Select(a => (Guid?)a.UserId).FirstOrDefaultAsync(ct)),
    ];

    static Kind Of(VoteTarget target) => Kinds.First(k => k.Target == target);

    /// <summary>"summary" or "summaries" (and so on) as URLs name them; null for anything else.</summary>
    public static VoteTarget? Parse(string name) => Kinds.FirstOrDefault(k => k.Name == name || k.Plural == name)?.Target;

    public static string Names => string.Join(", ", Kinds.Select(k => $"'{k.Plural}'"));

    public static string Name(VoteTarget target) => Of(target).Name;

    /// <summary>Who wrote the target, or null when it does not exist or is not shown (and so takes no votes).</summary>
    public static Task<Guid?> VotableOwnerAsync(ShortScienceDb db, VoteTarget target, long id, CancellationToken ct) => Of(target).Owner(db, id, ct);

    /// <summary>Moves a target's score and its up/down counts by a vote's change.</summary>
    public static Task<int> AdjustAsync(ShortScienceDb db, VoteTarget target, long id, int delta, int up, int down, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Of(target).UpdateSql, [delta, up, down, id], ct);

    /// <summary>The change a vote going from <paramref name="from"/> to <paramref name="to"/> makes: (score, upvotes, downvotes).</summary>
    public static (int Delta, int Up, int Down) Change(int from, int to) =>
        (to - from, (to == 1 ? 1 : 0) - (from == 1 ? 1 : 0), (to == -1 ? 1 : 0) - (from == -1 ? 1 : 0));

    public static async Task<int> ScoreAsync(ShortScienceDb db, VoteTarget target, long id, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<int>(Of(target).ScoreSql, id).ToListAsync(ct)).FirstOrDefault();
}
