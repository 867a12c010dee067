using Microsoft.EntityFrameworkCore;
using ShortScience.Api.Comments;
using ShortScience.Contracts;
using ShortScience.Data;
using ShortScience.Data.Entities;

namespace ShortScience.Api.Moderation;

/// <summary>What a moderator needs to judge a report: the target's title, opening text, author, link and state.</summary>
static class FlagViews
{
    public static async Task<List<FlagView>> DescribeAsync(ShortScienceDb db, List<Flag> flags, CancellationToken ct)
    {
        var reporterIds = flags.Select(f => f.ReporterId).Distinct().ToList();
        var reporters = await db.Users.AsNoTracking().Where(u => reporterIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new UserRef(u.UserName!, u.DisplayName), ct);
        var summaryIds = Ids(flags, FlagTarget.Summary);
        var commentIds = Ids(flags, FlagTarget.Comment);
        var questionIds = Ids(flags, FlagTarget.Question);
        var answerIds = Ids(flags, FlagTarget.Answer);
        var paperKeys = flags.Where(f => f.TargetType == FlagTarget.Paper).Select(f => f.TargetId).Distinct().ToList();

        var summaries = await db.Summaries.AsNoTracking().Where(s => summaryIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Paper.Key, s.Paper.Title, Text = s.Current!.PlainText, s.User.UserName, s.User.DisplayName, s.Status })
            .ToDictionaryAsync(s => s.Id.ToString(), ct);
        var comments = await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.SummaryId, c.Summary.Paper.Key, c.Summary.Paper.Title, c.PlainText, c.User.UserName, c.User.DisplayName, c.Status })
            .ToDictionaryAsync(c => c.Id.ToString(), ct);
        var questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Paper.Key, q.Paper.Title, Question = q.Title, q.PlainText, q.User.UserName, q.User.DisplayName, q.Status })
            .ToDictionaryAsync(q => q.Id.ToString(), ct);
        var answers = await db.Answers.AsNoTracking().Where(a => answerIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Question.Paper.Key, a.Question.Title, a.PlainText, a.User.UserName, a.User.DisplayName, a.Status })
            .ToDictionaryAsync(a => a.Id.ToString(), ct);
        var papers = await db.Papers.AsNoTracking().Where(p => paperKeys.Contains(p.Key))
            .Select(p => new { p.Key, p.Title, p.Abstract, p.Status }).ToDictionaryAsync(p => p.Key, ct);
        var openCounts = await db.Flags.AsNoTracking().Where(f => f.Status == FlagStatus.Open)
            .GroupBy(f => new { f.TargetType, f.TargetId }).Select(g => new { g.Key.TargetType, g.Key.TargetId, Count = g.Count() })
            .ToListAsync(ct);

        return flags.ConvertAll(f =>
        {
            var open = openCounts.FirstOrDefault(o => o.TargetType == f.TargetType && o.TargetId == f.TargetId)?.Count ?? 0;
            var reporter = reporters.GetValueOrDefault(f.ReporterId);
            var kind = f.TargetType.ToString().ToLowerInvariant();
            var status = f.Status;
            return f.TargetType switch
            {
                FlagTarget.Summary when summaries.TryGetValue(f.TargetId, out var s) => new FlagView(f.Id, kind, f.TargetId, f.Reason, status, reporter, f.CreatedAt,
                    $"Summary of “{s.Title}”", Cut(s.Text), $"/papers/{s.Key}/summaries/{s.Id}", new UserRef(s.UserName!, s.DisplayName), s.Status.ToString().ToLowerInvariant(), open),
                FlagTarget.Comment when comments.TryGetValue(f.TargetId, out var c) => new FlagView(f.Id, kind, f.TargetId, f.Reason, status, reporter, f.CreatedAt,
                    $"Comment on “{c.Title}”", Cut(c.PlainText), Links.Comment(c.Key, c.SummaryId, c.Id), new UserRef(c.UserName!, c.DisplayName), c.Status.ToString().ToLowerInvariant(), open),
                FlagTarget.Question when questions.TryGetValue(f.TargetId, out var q) => new FlagView(f.Id, kind, f.TargetId, f.Reason, status, reporter, f.CreatedAt,
                    $"Question on “{q.Title}”: {q.Question}", Cut(q.PlainText), Links.Question(q.Key, q.Id), new UserRef(q.UserName!, q.DisplayName), q.Status.ToString().ToLowerInvariant(), open),
                FlagTarget.Answer when answers.TryGetValue(f.TargetId, out var a) => new FlagView(f.Id, kind, f.TargetId, f.Reason, status, reporter, f.CreatedAt,
                    $"Answer to “{a.Title}”", Cut(a.PlainText), Links.Answer(a.Key, a.Id), new UserRef(a.UserName!, a.DisplayName), a.Status.ToString().ToLowerInvariant(), open),
                FlagTarget.Paper when papers.TryGetValue(f.TargetId, out var p) => new FlagView(f.Id, kind, f.TargetId, f.Reason, status, reporter, f.CreatedAt,
                    p.Title, Cut(p.Abstract), $"/papers/{p.Key}", null, p.Status.ToString().ToLowerInvariant(), open),
                _ => new FlagView(f.Id, kind, f.TargetId, f.Reason, status, reporter, f.CreatedAt, null, null, null, null, "gone", open),
            };
        });
    }

    static List<long> Ids(List<Flag> flags, FlagTarget type) =>
        flags.Where(f => f.TargetType == type).Select(f => long.TryParse(f.TargetId, out var id) ? id : -1).Where(id => id > 0).Distinct().ToList();

    static string? Cut(string? text) => text is null ? null : text.Length > 400 ? TextCut.Prefix(text, 400) + "…" : text;
}
