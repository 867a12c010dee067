namespace ShortScience.Core.Rendering;

/// <summary>Cuts rendered HTML after its first top-level blocks so listings show the opening of a text.</summary>
public static class Excerpt
{
    public static string FromHtml(string html, int maxBlocks = 2, int maxChars = 1200)
    {
        var end = 0;
        var blocks = 0;
        while (blocks < maxBlocks && end < html.Length)
        {
            var close = html.IndexOf("</p>", end, StringComparison.Ordinal);
            if (close < 0) return html;
            end = close + 4;
            blocks++;
            if (end >= maxChars) break;
        }
        return html[..end];
    }
}
