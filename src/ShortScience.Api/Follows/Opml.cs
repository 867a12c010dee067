using ShortScience.Api.Feeds;
using System.Globalization;
using System.Text;
using System.Xml;
using ShortScience.Contracts;
using ShortScience.Core.Feeds;

namespace ShortScience.Api.Follows;

/// <summary>OPML 2.0 subscription list: one RSS outline per followed thing, for importing into a feed reader.</summary>
public static class Opml
{
    static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    public static byte[] Write(string owner, IReadOnlyList<FollowView> follows, FeedLinks links)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartElement("opml");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("head");
            xml.WriteElementString("title", XmlChars.Clean($"ShortScience: what {owner} follows"));
            xml.WriteElementString("dateCreated", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
            xml.WriteElementString("ownerName", XmlChars.Clean(owner));
            xml.WriteEndElement();
            xml.WriteStartElement("body");
            foreach (var follow in follows)
            {
                xml.WriteStartElement("outline");
                xml.WriteAttributeString("type", "rss");
                xml.WriteAttributeString("text", XmlChars.Clean(follow.Title));
                xml.WriteAttributeString("title", XmlChars.Clean(follow.Title));
                xml.WriteAttributeString("xmlUrl", links.Absolute(follow.FeedPath));
                xml.WriteAttributeString("htmlUrl", links.Absolute(follow.PagePath));
                xml.WriteAttributeString("category", "/" + follow.Type);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }
}
