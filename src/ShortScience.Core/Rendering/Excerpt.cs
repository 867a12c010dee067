using Markdig.Extensions.Footnotes;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ShortScience.Contracts;
using ShortScience.Core.Rendering.Syntax;

namespace ShortScience.Core.Rendering;

/// <summary>
/// The opening of a text for listings, chosen on the Markdig syntax tree: the first one or two paragraphs
/// (with display math between them), no headings, about 400–600 characters. A paragraph too long is cut
/// between words, never inside a tag or a formula.
/// </summary>
static class Excerpt
{
    const int Enough = 400;
    const int Most = 600;

    /// <summary>The blocks to show, trimmed. Changes the tree: call it after the full HTML is rendered.</summary>
    public static List<Block> Select(MarkdownDocument document)
    {
        var picked = new List<Block>();
        int length = 0, paragraphs = 0;
        foreach (var block in document)
        {
            switch (block)
            {
                case TexBlock math when !math.RendersEmpty:
                    picked.Add(math);
                    length += math.Tex.Length / 2;
                    break;
                case ParagraphBlock { Inline: { } inline } paragraph when HasText(inline):
                    RemoveFootnoteLinks(inline);
                    var budget = Math.Max(Most - length, Enough / 2);
                    var size = TextLength(inline);
                    if (size > budget) Cut(inline, budget);
                    picked.Add(paragraph);
                    length += Math.Min(size, budget);
                    paragraphs++;
                    break;
                default:
                    continue;
            }
            if (paragraphs == 2 || length >= Enough) break;
        }
        if (paragraphs == 0)
        {
            // A text of lists or quotes only: its first paragraph wherever it is.
            var first = document.Descendants<ParagraphBlock>()
                .FirstOrDefault(p => p.Inline is { } i && HasText(i) && p.Parent is not FootnoteGroup and not Footnote);
            if (first is not null) return [first];
        }
        return picked;
    }

    static bool HasText(ContainerInline inline) =>
        inline.Descendants<LiteralInline>().Any(l => !l.Content.IsEmptyOrWhitespace()) || inline.Descendants<TexInline>().Any();

    static int TextLength(ContainerInline inline) =>
        inline.Descendants<LiteralInline>().Sum(l => l.Content.Length) + inline.Descendants<TexInline>().Sum(t => t.Tex.Length / 2)
        + inline.Descendants<CodeInline>().Sum(c => c.Content.Length);

    static void RemoveFootnoteLinks(ContainerInline inline)
    {
        foreach (var link in inline.Descendants<FootnoteLink>().ToList()) link.Remove();
    }

    /// <summary>Keeps about <paramref name="budget"/> characters of text, ending at a word break, then "…".</summary>
    static void Cut(ContainerInline paragraph, int budget)
    {
        Inline? last = null;
        foreach (var inline in paragraph.Descendants<Inline>().ToList())
        {
            if (last is not null)
            {
                // Everything after the cut, in document order; the cut's ancestors come before it.
                inline.Remove();
                continue;
            }
            var size = inline switch
            {
                LiteralInline literal => literal.Content.Length,
                TexInline tex => tex.Tex.Length / 2,
                CodeInline code => code.Content.Length,
                _ => 0,
            };
            if (size <= budget)
            {
                budget -= size;
                continue;
            }
            if (inline is LiteralInline text)
            {
                var kept = TextCut.Prefix(text.Content.ToString(), budget);
                var space = kept.LastIndexOf(' ');
                text.Content = new StringSlice((space > 0 ? kept[..space] : kept).TrimEnd(' ', ',', ';', ':') + "…");
                last = text;
            }
            else
            {
                last = inline;
                inline.InsertBefore(new LiteralInline("…"));
                inline.Remove();
            }
        }
    }
}
