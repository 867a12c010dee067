using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ShortScience.Core.Feeds;

namespace ShortScience.Api.Feeds;

/// <summary>
/// Writes a <see cref="FeedDocument"/> as RSS 2.0 or Atom 1.0, as UTF-8 bytes (a StringWriter would declare
/// UTF-16 over UTF-8 bytes, which readers reject).
/// </summary>
/// <remarks>
/// RSS item: title, link, guid (the tag: id, isPermaLink="false"), pubDate, atom:updated, dc:creator, category per
/// keyword, description (HTML: the escaped plain text), content:encoded (HTML); title, description and category are
/// HTML-escaped before XML escaping, as readers treat them as HTML. Atom entry: id, title, link, published, updated,
/// author, category, summary type="text", content type="html". Both carry ss:kind, ss:summaryId (ss:questionId for questions and answers), ss:revision
/// and ss:paper; see README "Feeds".
/// </remarks>
public sealed class FeedWriter(FeedLinks links)
{
    static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false };
    const string Xmlns = "http://www.w3.org/2000/xmlns/";

    public byte[] Write(FeedDocument document, FeedFormat format)
    {
        // RSS readers take title, description and category as HTML: user text in them is HTML-escaped first (then
        // XML-escaped by the writer). Atom says what each text is (type="text" or "html"), so it is written as it is.
        var rss = format == FeedFormat.Rss;
        var feed = new SyndicationFeed
        {
            Title = new TextSyndicationContent(Text(document.Title, rss)),
            Description = new TextSyndicationContent(Text(document.Description, rss)),
            Id = links.Id("feed/" + document.Name + document.Query),
            LastUpdatedTime = document.Updated,
            Generator = "ShortScience",
            Language = "en",
            Items = document.Entries.Select(e => Item(e, format)).ToList(),
        };
        feed.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(links.Absolute(document.PagePath)), "text/html"));
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(links.FeedUrl(document, format)),
            format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml"));
        feed.AttributeExtensions.Add(new XmlQualifiedName("ss", Xmlns), FeedNamespaces.Ss);
        if (format == FeedFormat.Rss)
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("dc", Xmlns), FeedNamespaces.Dc);
            feed.AttributeExtensions.Add(new XmlQualifiedName("content", Xmlns), FeedNamespaces.Content);
        }

        using var stream = new MemoryStream(64 * 1024);
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss ? new Rss20FeedFormatter(feed) : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }
        return stream.ToArray();
    }

    SyndicationItem Item(FeedEntry entry, FeedFormat format)
    {
        var url = links.EntryUrl(entry);
        var html = entry.Html; // prepared by FeedContent
        var creator = XmlChars.Clean(entry.By?.DisplayName ?? "Anonymous");
        var item = new FeedItem(entry, html, creator, links.Absolute($"/papers/{entry.Paper.Key}"))
        {
            Id = links.EntryId(entry),
            Title = new TextSyndicationContent(Text(Title(entry), format == FeedFormat.Rss), TextSyndicationContentKind.Plaintext),
            PublishDate = entry.Published,
            LastUpdatedTime = entry.Updated > entry.Published ? entry.Updated : entry.Published,
            // RSS description: escaped HTML made only of the escaped plain text. Atom summary: type="text".
            Summary = new TextSyndicationContent(Text(entry.PlainText, format == FeedFormat.Rss), TextSyndicationContentKind.Plaintext),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url), "text/html"));
        foreach (var keyword in entry.Paper.Keywords)
        {
            if (XmlChars.Clean(keyword) is { Length: > 0 } term) item.Categories.Add(new SyndicationCategory(format == FeedFormat.Rss ? FeedHtml.Escape(term) : term));
        }
        if (format == FeedFormat.Atom)
        {
            item.Content = SyndicationContent.CreateHtmlContent(html);
            item.Authors.Add(new SyndicationPerson { Name = creator });
        }
        return item;
    }

    /// <summary>User text for a feed element: XML-safe, and HTML-escaped where readers take it as HTML (RSS).</summary>
    static string Text(string text, bool html) => html ? FeedHtml.Escape(XmlChars.Clean(text)) : XmlChars.Clean(text);

    /// <summary>"Attention Is All You Need — summary by Ada Rivera"; an anonymous summary names nobody.</summary>
    public static string Title(FeedEntry entry) => entry.Kind switch
    {
        FeedEntryKind.Comment => $"{entry.Paper.Title} — comment by {entry.By?.DisplayName}",
        FeedEntryKind.Question => $"{entry.Paper.Title} — question by {entry.By?.DisplayName}: {entry.Title}",
        FeedEntryKind.Answer => $"{entry.Paper.Title} — answer by {entry.By?.DisplayName} to “{entry.Title}”",
        _ when entry.By is null => $"{entry.Paper.Title} — anonymous summary",
        _ => $"{entry.Paper.Title} — summary by {entry.By.DisplayName}",
    };
}
