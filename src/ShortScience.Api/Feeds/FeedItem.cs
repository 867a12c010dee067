using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using ShortScience.Core.Feeds;

namespace ShortScience.Api.Feeds;

/// <summary>
/// An entry with the elements System.ServiceModel.Syndication has no model for, written straight to the writer
/// so they use the prefixes declared once on the feed: ss:paper (metadata), and in RSS dc:creator and
/// content:encoded.
/// </summary>
/// <summary>The XML namespaces feeds use beyond RSS and Atom themselves.</summary>
public static class FeedNamespaces
{
    /// <summary>ShortScience's own elements (documented in README "Feeds").</summary>
    public const string Ss = "https://shortscience.example/ns/feed/1.0";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
}

sealed class FeedItem(FeedEntry entry, string html, string creator, string paperUrl) : SyndicationItem
{
    protected override void WriteElementExtensions(XmlWriter writer, string version)
    {
        if (version == SyndicationVersions.Rss20)
        {
            writer.WriteElementString("dc", "creator", FeedNamespaces.Dc, creator);
            writer.WriteElementString("content", "encoded", FeedNamespaces.Content, html);
        }
        writer.WriteElementString("ss", "kind", FeedNamespaces.Ss, entry.Kind.ToString().ToLowerInvariant());
        var onQuestion = entry.Kind is FeedEntryKind.Question or FeedEntryKind.Answer;
        writer.WriteElementString("ss", onQuestion ? "questionId" : "summaryId", FeedNamespaces.Ss, entry.SummaryId.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("ss", "revision", FeedNamespaces.Ss, entry.Revision.ToString(CultureInfo.InvariantCulture));
        WritePaper(writer);
        base.WriteElementExtensions(writer, version);
    }

    void WritePaper(XmlWriter writer)
    {
        var paper = entry.Paper;
        writer.WriteStartElement("ss", "paper", FeedNamespaces.Ss);
        writer.WriteAttributeString("key", XmlChars.Clean(paper.Key));
        writer.WriteAttributeString("url", paperUrl);
        writer.WriteElementString("ss", "title", FeedNamespaces.Ss, XmlChars.Clean(paper.Title));
        foreach (var author in paper.Authors)
        {
            writer.WriteStartElement("ss", "author", FeedNamespaces.Ss);
            writer.WriteAttributeString("slug", XmlChars.Clean(author.Slug));
            writer.WriteString(XmlChars.Clean(author.Name));
            writer.WriteEndElement();
        }
        if (paper.Venue is { } venue)
        {
            writer.WriteStartElement("ss", "venue", FeedNamespaces.Ss);
            writer.WriteAttributeString("slug", XmlChars.Clean(venue.Slug));
            writer.WriteAttributeString("name", XmlChars.Clean(venue.Name));
            writer.WriteString(XmlChars.Clean(venue.ShortName));
            writer.WriteEndElement();
        }
        Optional(writer, "year", paper.Year?.ToString(CultureInfo.InvariantCulture));
        Optional(writer, "arxiv", paper.ArxivId);
        Optional(writer, "doi", paper.Doi);
        Optional(writer, "bibtexKey", paper.BibtexKey);
        Optional(writer, "abstract", entry.AbstractHtml); // HTML (escaped in the XML), math rendered
        writer.WriteEndElement();
    }

    static void Optional(XmlWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) writer.WriteElementString("ss", name, FeedNamespaces.Ss, XmlChars.Clean(value));
    }
}
