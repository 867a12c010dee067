using ShortScience.Core.Search;

namespace ShortScience.Core.Tests.Search;

public sealed class SnippetTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a \u0002match\u0003 here", "a <mark>match</mark> here")]
    [InlineData("<b>x</b> & \u0002y\u0003", "&lt;b&gt;x&lt;/b&gt; &amp; <mark>y</mark>")]
    [InlineData("\u0002one\u0003 and \u0002two\u0003", "<mark>one</mark> and <mark>two</mark>")]
    [InlineData("\u0002unclosed", "<mark>unclosed</mark>")]
    [InlineData("stray\u0003 stop", "stray stop")]
    [InlineData("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;")]
    [InlineData("", "")]
    public void EscapesEverythingButTheHighlights(string headline, string html) => Assert.Equal(html, Snippet.ToHtml(headline));
}
