using System.Text;
using System.Text.RegularExpressions;
using ShortScience.Core.Rendering;

namespace ShortScience.Bench.Generate;

/// <summary>
/// A few hundred summaries written with placeholder words ("zqs12x"), rendered once by the real renderer (math
/// included). Each generated summary fills one template's placeholders with words drawn from the vocabulary, in the
/// Markdown, the HTML, the excerpt and the plain text alike, so a million summaries cost a million string joins.
/// </summary>
public sealed partial class SummaryTemplates
{
    static readonly string[] Formulas =
    [
        @"\mathcal{L}(\theta) = \mathbb{E}_{x \sim p_{data}}[\log D(x)] + \mathbb{E}_{z}[\log(1 - D(G(z)))]",
        @"\mathrm{Attention}(Q,K,V) = \mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
        @"\theta_{t+1} = \theta_t - \eta \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}",
        @"p(x) = \int p(x \mid z)\, p(z)\, dz \ge \mathbb{E}_{q(z|x)}[\log p(x|z)] - \mathrm{KL}(q(z|x) \| p(z))",
        @"y = \sigma\left(\sum_{i=1}^{n} w_i x_i + b\right)",
        @"\hat{x} = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}",
        @"Q(s,a) \leftarrow Q(s,a) + \alpha \left[r + \gamma \max_{a'} Q(s',a') - Q(s,a)\right]",
        @"\nabla_\theta J(\theta) = \mathbb{E}_{\pi_\theta}\left[\nabla_\theta \log \pi_\theta(a|s)\, A(s,a)\right]",
        @"H(p) = -\sum_{k} p_k \log p_k",
        @"\| W \|_2 \le \prod_{l=1}^{L} \sigma_{\max}(W_l)",
        @"f(x) = \sum_{k=0}^{\infty} \frac{f^{(k)}(a)}{k!} (x-a)^k",
        @"\mathbf{h}_t = \tanh(W_h \mathbf{h}_{t-1} + W_x \mathbf{x}_t)",
    ];

    static readonly string[] Inline = [@"x_t", @"\alpha < 1", @"O(n \log n)", @"\theta^*", @"p(y \mid x)", @"\lambda = 0.1", @"k \to \infty"];

    static readonly string[] Headings = ["Idea", "Method", "Results", "Why it matters", "Limitations", "Takeaways", "Setup"];

    readonly record struct Piece(string Text, int Slot, bool Capital);

    sealed record Template(Piece[] Markdown, Piece[] Html, Piece[] Excerpt, Piece[] Plain, int Slots);

    readonly List<Template> _templates = [];

    public int Count => _templates.Count;

    public static SummaryTemplates Build(IMarkdownRenderer renderer, int count, Random random)
    {
        var result = new SummaryTemplates();
        for (var t = 0; t < count; t++)
        {
            var slots = 0;
            var md = new StringBuilder();
            void Sentence(int min, int max)
            {
                var n = random.Next(min, max + 1);
                for (var i = 0; i < n; i++) md.Append(i == 0 ? $"zqc{slots++}x" : $" zqs{slots++}x");
                md.Append(". ");
            }
            void Paragraph(int sentences)
            {
                for (var s = 0; s < sentences; s++) Sentence(8, 20);
                md.Length--;
                md.Append("\n\n");
            }
            Paragraph(random.Next(3, 6));
            foreach (var heading in Headings.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                md.Append("## ").Append(heading).Append("\n\n");
                Paragraph(random.Next(3, 6));
                if (random.Next(2) == 0) md.Append("$$\n").Append(Formulas[random.Next(Formulas.Length)]).Append("\n$$\n\n");
                if (random.Next(3) == 0)
                {
                    for (var i = random.Next(2, 5); i > 0; i--) { md.Append("- "); Sentence(4, 10); md.Length--; md.Append('\n'); }
                    md.Append('\n');
                }
            }
            md.Append("In short, zqs").Append(slots++).Append("x matters where $").Append(Inline[random.Next(Inline.Length)])
                .Append("$ holds.\n");
            var markdown = md.ToString();
            var rendered = renderer.Render(markdown);
            result._templates.Add(new Template(Split(markdown), Split(rendered.Html), Split(rendered.ExcerptHtml), Split(rendered.PlainText), slots));
        }
        return result;
    }

    /// <summary>Fills template <paramref name="index"/> with fresh words: (markdown, html, excerpt, plain text).</summary>
    public (string Markdown, string Html, string Excerpt, string Plain) Fill(int index, Vocabulary words, Random random)
    {
        var t = _templates[index % _templates.Count];
        var chosen = new string[t.Slots];
        for (var i = 0; i < chosen.Length; i++) chosen[i] = words.Word(random);
        return (Join(t.Markdown, chosen), Join(t.Html, chosen), Join(t.Excerpt, chosen), Join(t.Plain, chosen));
    }

    static string Join(Piece[] pieces, string[] words)
    {
        var sb = new StringBuilder(pieces.Length * 8);
        foreach (var p in pieces)
        {
            if (p.Slot < 0) { sb.Append(p.Text); continue; }
            var w = words[p.Slot];
            if (p.Capital) sb.Append(char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
            else sb.Append(w);
        }
        return sb.ToString();
    }

    static Piece[] Split(string text)
    {
        var pieces = new List<Piece>();
        var at = 0;
        foreach (Match m in SlotPattern().Matches(text))
        {
            if (m.Index > at) pieces.Add(new Piece(text[at..m.Index], -1, false));
            pieces.Add(new Piece("", int.Parse(m.Groups[2].Value), m.Groups[1].Value == "c"));
            at = m.Index + m.Length;
        }
        if (at < text.Length) pieces.Add(new Piece(text[at..], -1, false));
        return [.. pieces];
    }

    [GeneratedRegex(@"zq([sc])(\d+)x")]
    private static partial Regex SlotPattern();
}
