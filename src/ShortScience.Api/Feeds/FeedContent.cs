using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ShortScience.Api.Papers;
using ShortScience.Core.Feeds;
using ShortScience.Core.Rendering;
using ShortScience.Data;

namespace ShortScience.Api.Feeds;

/// <summary>
/// Entry texts as readers get them (<see cref="FeedHtml.Prepare"/>d HTML, cleaned plain text), kept in memory.
/// </summary>
/// <remarks>
/// Stored summary HTML is mostly KaTeX's visual markup, which feeds drop: preparing it and fetching it from the
/// database were most of an uncached feed's time. A revision never changes except by a re-render (a new renderer
/// version), and a comment, question or answer edit moves its UpdatedAt, so those stamp each entry; a text rendered again
/// because a paper it cites changed (<see cref="CitedBy.CitationCatchUp"/>) is forgotten here by name. Other API
/// processes prepare it again within <see cref="TextLifetime"/>.
/// </remarks>
public sealed class FeedContent(FeedLinks links, IConfiguration configuration, IMarkdownRenderer renderer, ILogger<FeedContent> logger)
{
    readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = configuration.GetValue("Feeds:ContentCacheChars", 32_000_000L) });

    /// <summary>How long another API process may show a text rendered again here (see <see cref="Forget"/>).</summary>
    static readonly TimeSpan TextLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A prepared text and the stamp of the stored text it came from (renderer version and last change).</summary>
    sealed record Text(string Stamp, string Html, string Plain);

    public async Task<List<FeedEntry>> FillAsync(ShortScienceDb db, List<FeedEntry> entries, CancellationToken ct)
    {
        var texts = new Text?[entries.Count];
        for (var i = 0; i < entries.Count; i++) texts[i] = _cache.Get<Text>(Key(entries[i])) is { } t && t.Stamp == Stamp(entries[i]) ? t : null;
        var missing = Enumerable.Range(0, entries.Count).Where(i => texts[i] is null).ToList();
        if (missing.Count > 0)
        {
            var revisionIds = missing.Where(i => entries[i].Kind == FeedEntryKind.Summary).Select(i => entries[i].ContentId).ToList();
            var commentIds = missing.Where(i => entries[i].Kind == FeedEntryKind.Comment).Select(i => entries[i].ContentId).ToList();
            var questionIds = missing.Where(i => entries[i].Kind == FeedEntryKind.Question).Select(i => entries[i].ContentId).ToList();
            var answerIds = missing.Where(i => entries[i].Kind == FeedEntryKind.Answer).Select(i => entries[i].ContentId).ToList();
            var revisions = revisionIds.Count == 0 ? [] : await db.SummaryRevisions.AsNoTracking().Where(r => revisionIds.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => (r.Html, r.PlainText), ct);
            var comments = commentIds.Count == 0 ? [] : await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => (c.Html, c.PlainText), ct);
            var questions = questionIds.Count == 0 ? [] : await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
                .ToDictionaryAsync(q => q.Id, q => (q.Html, q.PlainText), ct);
            var answers = answerIds.Count == 0 ? [] : await db.Answers.AsNoTracking().Where(a => answerIds.Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, a => (a.Html, a.PlainText), ct);
            foreach (var i in missing)
            {
                var entry = entries[i];
                var stored = entry.Kind switch
                {
                    FeedEntryKind.Summary => revisions,
                    FeedEntryKind.Question => questions,
                    FeedEntryKind.Answer => answers,
                    _ => comments,
                };
                var (html, plain) = stored.GetValueOrDefault(entry.ContentId, ("", ""));
                var text = new Text(Stamp(entry), FeedHtml.Prepare(html, links.Site, links.EntryUrl(entry)), XmlChars.Clean(plain));
                _cache.Set(Key(entry), text, new MemoryCacheEntryOptions { Size = text.Html.Length + text.Plain.Length + 64, AbsoluteExpirationRelativeToNow = TextLifetime });
                texts[i] = text;
            }
        }
        return [.. entries.Select((e, i) => e with { Html = texts[i]!.Html, PlainText = texts[i]!.Plain, AbstractHtml = Abstract(e) })];
    }

    /// <summary>The entry's paper's abstract, math rendered as on the paper page, prepared for readers; kept per text.</summary>
    string? Abstract(FeedEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Paper.Abstract)) return null;
        var key = $"abstract:{renderer.Version}:{entry.Paper.Key}:{entry.Paper.Abstract}";
        if (_cache.Get<string>(key) is { } cached) return cached;
        var html = PaperDetails.AbstractHtml(renderer, entry.Paper.Abstract, logger, entry.Paper.Key)!;
        var prepared = FeedHtml.Prepare(html, links.Site, links.Absolute($"/papers/{entry.Paper.Key}"));
        _cache.Set(key, prepared, new MemoryCacheEntryOptions { Size = key.Length + prepared.Length + 64 });
        return prepared;
    }

    static string Key(FeedEntry e) => Key(e.Kind, e.ContentId);

    static string Key(FeedEntryKind kind, long contentId) => $"{kind}:{contentId}";

    static string Stamp(FeedEntry e) => $"{e.RendererVersion}:{e.Updated.UtcTicks}";

    /// <summary>Texts rendered again without an edit (a paper they cite arrived or changed): prepared again when next asked.</summary>
    public void Forget(CitedBy.CitingTexts texts)
    {
        foreach (var id in texts.RevisionIds) _cache.Remove(Key(FeedEntryKind.Summary, id));
        foreach (var id in texts.CommentIds) _cache.Remove(Key(FeedEntryKind.Comment, id));
        foreach (var id in texts.QuestionIds) _cache.Remove(Key(FeedEntryKind.Question, id));
        foreach (var id in texts.AnswerIds) _cache.Remove(Key(FeedEntryKind.Answer, id));
    }
}
