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

    [Theory]
    [InlineData("pmatrix} with a \u0002rotation\u0003 of the grid", "with a <mark>rotation</mark> of the grid")]
    [InlineData("the loss $\\mathcal{L} = \\sum_i \\ell_i$ is \u0002minimized\u0003", "the loss … is <mark>minimized</mark>")]
    [InlineData("we \u0002sample\u0003 from \\(p(x)\\)", "we <mark>sample</mark> from")]
    [InlineData("first part … \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} second \u0002part\u0003",
        "first part … second <mark>part</mark>")]
    [InlineData("x & y \\\\ z \\end{align} and then \u0002text\u0003", "and then <mark>text</mark>")]
    [InlineData("$$x$$ … plain words", "plain words")]
    [InlineData("costs 5 dollars, not a formula", "costs 5 dollars, not a formula")]
    public void CutsMathOutAndStartsOnWordsOfText(string headline, string html) => Assert.Equal(html, Snippet.ToHtml(headline));
}
