using Npgsql;
using NpgsqlTypes;
using ShortScience.Contracts;

namespace ShortScience.Api.Papers;

/// <summary>
/// What differs on a paper's page between a signed-in reader who moderates nothing and someone not signed in: which
/// texts are theirs (with their Markdown, for editing in place, and their own name where the page says "anonymous"),
/// and how they voted. Read in one statement beside the shared document (<see cref="PaperDocuments.GetMarkedAsync"/>).
/// </summary>
public sealed class ViewerMarks
{
    // Every summary, comment, question and answer of the paper that the viewer wrote or voted on, whatever its status
    // (the page decides what it shows; a deleted comment of theirs with replies under it is still theirs), with the
    // viewer's names. The paper's texts are gathered first, kind numbered as VoteTarget, and the votes joined once;
    // rows come from the paper's own texts, so the statement is bounded by the page, not by the viewer.
    const string Sql = """
        WITH texts (kind, id, user_id, markdown) AS (
            SELECT 0, s.id, s.user_id, NULL::text FROM papers p JOIN summaries s ON s.paper_id = p.id WHERE p.key = $1
            UNION ALL
            SELECT 1, c.id, c.user_id, c.markdown
            FROM papers p JOIN summaries s ON s.paper_id = p.id JOIN comments c ON c.summary_id = s.id WHERE p.key = $1
            UNION ALL
            SELECT 2, q.id, q.user_id, q.markdown FROM papers p JOIN questions q ON q.paper_id = p.id WHERE p.key = $1
            UNION ALL
            SELECT 3, a.id, a.user_id, a.markdown
            FROM papers p JOIN questions q ON q.paper_id = p.id JOIN answers a ON a.question_id = q.id WHERE p.key = $1
        )
        SELECT t.kind, t.id, t.user_id = $2, v.value, CASE WHEN t.user_id = $2 THEN t.markdown END, u.user_name, u.display_name
        FROM texts t
        LEFT JOIN votes v ON v.user_id = $2 AND v.target_type = t.kind AND v.target_id = t.id
        JOIN users u ON u.id = $2
        WHERE t.user_id = $2 OR v.user_id IS NOT NULL
        """;

    readonly Dictionary<(VoteTarget Kind, long Id), Mark> _marks = [];
    UserRef? _me;

    // Markdown only for the viewer's own texts (the statement returns no one else's).
    readonly record struct Mark(bool Mine, int Vote, string? Markdown);

    public static NpgsqlBatchCommand Command(string key, Guid viewer)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = viewer });
        return command;
    }

    /// <summary>The marks from the reader positioned at <see cref="Command"/>'s result.</summary>
    public static async Task<ViewerMarks> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var marks = new ViewerMarks();
        while (await reader.ReadAsync(ct))
        {
            var kind = (VoteTarget)reader.GetInt32(0);
            marks._marks[(kind, reader.GetInt64(1))] = new Mark(
                reader.GetBoolean(2), reader.IsDBNull(3) ? 0 : reader.GetInt16(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            marks._me ??= new UserRef(reader.GetString(5), reader.GetString(6));
        }
        return marks;
    }

    /// <summary>The reader neither wrote nor voted on anything on the page: it is the shared one.</summary>
    public bool IsEmpty => _marks.Count == 0;

    Mark Of(VoteTarget kind, long id) => _marks.GetValueOrDefault((kind, id));

    /// <summary>The shared page as this reader sees it; the rules are those of the page built for them (<see cref="PaperDetails"/>).</summary>
    public PaperDetail ApplyTo(PaperDetail page) => IsEmpty ? page : page with
    {
        Summaries = page.Summaries.Select(s =>
        {
            var m = Of(VoteTarget.Summary, s.Id);
            // Anonymous summaries name their author to the author (SummaryAccess.Byline).
            return s with { IsMine = m.Mine, MyVote = m.Vote, Author = m.Mine ? _me : s.Author, Comments = s.Comments is null ? null : Comments(s.Comments) };
        }).ToList(),
        Questions = page.Questions?.Select(q =>
        {
            var m = Of(VoteTarget.Question, q.Id);
            return q with { IsMine = m.Mine, MyVote = m.Vote, Markdown = m.Markdown, Answers = Answers(q.Answers) };
        }).ToList(),
    };

    List<CommentView> Comments(IReadOnlyList<CommentView> comments) => comments.Select(c =>
    {
        var m = Of(VoteTarget.Comment, c.Id);
        // What the page shows of a comment it lists but does not show (deleted or hidden, with replies) stays blank,
        // and a comment by a summary's anonymous author is named to that author only (CommentThreads).
        var shown = c.Status == ContentStatus.Visible;
        return c with
        {
            IsMine = m.Mine,
            MyVote = m.Vote,
            Author = m.Mine && shown ? _me : c.Author,
            Markdown = shown ? m.Markdown : null,
            Replies = c.Replies.Count == 0 ? c.Replies : Comments(c.Replies),
        };
    }).ToList();

    List<AnswerView> Answers(IReadOnlyList<AnswerView> answers) => answers.Select(a =>
    {
        var m = Of(VoteTarget.Answer, a.Id);
        return a with { IsMine = m.Mine, MyVote = m.Vote, Markdown = m.Markdown };
    }).ToList();
}
