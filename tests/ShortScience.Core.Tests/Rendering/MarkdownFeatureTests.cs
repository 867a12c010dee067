namespace ShortScience.Core.Tests.Rendering;

/// <summary>The Markdown side of the pipeline: rows of Markdown and the HTML (after sanitizing) it must produce.</summary>
public sealed class MarkdownFeatureTests
{
    [Theory]
    [InlineData("Hello *world*", "<p>Hello <em>world</em></p>")]
    [InlineData("~~gone~~ ++added++ ==marked== H~2~O x^2^", "<p><del>gone</del> <ins>added</ins> <mark>marked</mark> H<sub>2</sub>O x<sup>2</sup></p>")]
    [InlineData("## Method and results", "<h2 id=\"method-and-results\">Method and results</h2>")]
    [InlineData("```julia\nprint(1)\n```", "<pre><code class=\"language-julia\">print(1)\n</code></pre>")]
    [InlineData("```gap++\nint x;\n```", "<pre><code class=\"language-gap++\">int x;\n</code></pre>")]
    [InlineData("- [x] done\n- [ ] todo", "<ul class=\"contains-task-list\">\n<li class=\"task-list-item\"><input disabled=\"disabled\" type=\"checkbox\" checked=\"checked\"> done</li>\n<li class=\"task-list-item\"><input disabled=\"disabled\" type=\"checkbox\"> todo</li>\n</ul>")]
    [InlineData("Term\n: Definition", "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>")]
    [InlineData("<b>raw</b> html", "<p>&lt;b&gt;raw&lt;/b&gt; html</p>")]
    [InlineData("[internal](/papers/1706.03762) and [anchor](#method)", "<p><a href=\"/papers/1706.03762\">internal</a> and <a href=\"#method\">anchor</a></p>")]
    [InlineData("[site](https://example.org/a)", "<p><a href=\"https://example.org/a\" rel=\"nofollow ugc noopener\">site</a></p>")]
    [InlineData("See https://arxiv.org/abs/1406.2661 for more", "<p>See <a href=\"https://arxiv.org/abs/1406.2661\" rel=\"nofollow ugc noopener\">https://arxiv.org/abs/1406.2661</a> for more</p>")]
    [InlineData("![Figure 1](https://example.org/f.png \"The model\")", "<p><img src=\"https://example.org/f.png\" alt=\"Figure 1\" title=\"The model\" loading=\"lazy\" decoding=\"async\"></p>")]
    [InlineData("![pasted](data:image/png;base64,iVBORw0KGgo=)", "<p>pasted</p>")]
    [InlineData("![local](/img/x.png)", "<p>local</p>")]
    [InlineData("[x](javascript:alert(1))", "<p><a>x</a></p>")]
    [InlineData("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |", "<table>\n<thead>\n<tr>\n<th class=\"align-left\">a</th>\n<th class=\"align-center\">b</th>\n<th class=\"align-right\">c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td class=\"align-left\">1</td>\n<td class=\"align-center\">2</td>\n<td class=\"align-right\">3</td>\n</tr>\n</tbody>\n</table>")]
    [InlineData("Footnote[^n].\n\n[^n]: The note.", "<p>Footnote<a id=\"fnref:1\" href=\"#fn:1\" class=\"footnote-ref\"><sup>1</sup></a>.</p>\n<div class=\"footnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>The note.<a href=\"#fnref:1\" class=\"footnote-back-ref\">↩</a></p>\n</li>\n</ol>\n</div>")]
    public void RendersMarkdownToSafeHtml(string markdown, string html) =>
        Assert.Equal(html, Rendered.Text(markdown).Html.Trim());

    [Fact]
    public void CodeInALanguageTheHighlighterKnowsIsHighlightedOnTheServer()
    {
        var python = Rendered.Text("```python\ndef area(r):\n    return 'pi' * r  # note\n```").Html;
        Assert.StartsWith("<pre><code class=\"language-python\">", python);
        Assert.Contains("<span class=\"tok-keyword\">def</span>", python);
        Assert.Contains("<span class=\"tok-string\">'pi'</span>", python);
        Assert.Contains("<span class=\"tok-comment\"># note</span>", python);

        var csharp = Rendered.Text("```c#\npublic sealed class A { }\n```").Html;
        Assert.Contains("<span class=\"tok-keyword\">sealed</span>", csharp);

        // The code stays text: markup inside it is escaped, and only the highlighter's classes survive sanitizing.
        var hostile = Rendered.Text("```javascript\nvar s = '<script>alert(1)</script><img src=x onerror=alert(2)>';\n```").Html;
        Assert.DoesNotContain("<script", hostile);
        Assert.DoesNotContain("<img", hostile);
        Assert.Contains("&lt;script&gt;", hostile);
        Assert.Contains("<span class=\"tok-keyword\">var</span>", hostile);
    }

    [Fact]
    public async Task CodeThatMakesAHighlighterRuleBacktrackRendersPlainInsteadOfHangingTheRenderer()
    {
        // ColorCode's JSON string rule backtracks exponentially on a string of ordinary letters (days at 40 of them);
        // the block must come back, as plain code, well within the render's own time limit.
        var markdown = "```json\n[1, \"" + new string('a', 40) + "\"]\n```";
        var html = await Task.Run(() => Rendered.Text(markdown).Html).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("<pre><code class=\"language-json\">", html);
        Assert.Contains(new string('a', 40), html);
        Assert.DoesNotContain("tok-", html);

        // Ordinary JSON still gets its colours.
        Assert.Contains("tok-", Rendered.Text("```json\n{\"a\": 1}\n```").Html);
    }

    [Fact]
    public void GridTablesRenderWithoutStyles()
    {
        var html = Rendered.Html("+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n+---+---+");

        Assert.Equal(4, html.QuerySelectorAll("table td, table th").Length);
        Assert.Empty(html.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void HeadingsGetDistinctIds()
    {
        var html = Rendered.Html("## Results\n\ntext\n\n## Results\n\n### Ablation: depth & width");

        Assert.Equal(["results", "results-1", "ablation-depth--width"], html.QuerySelectorAll("h2, h3").Select(h => h.Id));
    }
}
