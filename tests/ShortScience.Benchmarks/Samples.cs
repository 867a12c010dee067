using System.Text;

namespace ShortScience.Benchmarks;

/// <summary>A summary shaped like the site's: about 10 KB of Markdown with headings, lists, a table and 20 formulas.</summary>
static class Samples
{
    public static readonly string[] Formulas =
    [
        "$\\mathcal{L}(\\theta, \\phi; x) = \\mathbb{E}_{q_\\phi(z|x)}[\\log p_\\theta(x|z)] - \\operatorname{KL}(q_\\phi(z|x) \\| p(z))$",
        "$z = \\mu + \\sigma \\odot \\epsilon$",
        "$\\epsilon \\sim \\mathcal{N}(0, I)$",
        "$$\n\\min_G \\max_D \\; \\mathbb{E}_{x \\sim p_{\\text{data}}}[\\log D(x)] + \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G(z)))]\n$$",
        "$D^*(x) = \\frac{p_{\\text{data}}(x)}{p_{\\text{data}}(x) + p_g(x)}$",
        "$\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$",
        "$$\n\\operatorname{Attention}(Q, K, V) = \\operatorname{softmax}\\left(\\frac{Q K^\\top}{\\sqrt{d_k}}\\right) V\n$$",
        "$O(n^2 \\cdot d)$",
        "$h = 8$",
        "\\begin{align}\nm_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\\nv_t &= \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2 \\\\\n\\theta_t &= \\theta_{t-1} - \\alpha \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}\n\\end{align}",
        "$\\beta_1 = 0.9$",
        "$\\hat{x}_i = \\frac{x_i - \\mu_{\\mathcal{B}}}{\\sqrt{\\sigma_{\\mathcal{B}}^2 + \\epsilon}}$",
        "$y_i = \\gamma \\hat{x}_i + \\beta$",
        "$W \\in \\mathbb{R}^{m \\times n}$",
        "$\\lVert \\nabla_\\theta J \\rVert_2 \\le 5$",
        "$$\np(\\mathbf{x}) = \\prod_{i=1}^{n^2} p(x_i \\mid x_1, \\dots, x_{i-1})\n$$",
        "$f(x) = \\begin{cases} x & x > 0 \\\\ \\alpha (e^x - 1) & \\text{otherwise} \\end{cases}$",
        "$\\sum_{k=1}^{K} \\pi_k = 1$",
        "$e_{ij} = v_a^\\top \\tanh(W_a s_{i-1} + U_a h_j)$",
        "$\\alpha_{ij} = \\frac{\\exp(e_{ij})}{\\sum_k \\exp(e_{ik})}$",
    ];

    const string Prose =
        "The paper argues that the objective is easier to optimize than it looks, and the experiments mostly support that " +
        "reading. Training is stable across the three data sets, although the authors tuned the learning rate separately " +
        "for each of them, which the appendix mentions only in passing. The ablations remove one component at a time; ";

    /// <summary>About 10 KB, 20 formulas.</summary>
    public static string Summary { get; } = Build(withMath: true);

    /// <summary>The same text with every formula left out: Markdown and sanitizing alone.</summary>
    public static string Prose10K { get; } = Build(withMath: false);

    static string Build(bool withMath)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Formulas.Length; i++)
        {
            if (i % 5 == 0) text.Append($"## Part {i / 5 + 1}: what the *method* does\n\n");
            var formula = withMath ? Formulas[i] : "the quantity in question";
            var block = Formulas[i].StartsWith("$$", StringComparison.Ordinal) || Formulas[i].StartsWith("\\begin", StringComparison.Ordinal);
            text.Append(block ? $"{Prose}the key equation is\n\n{formula}\n\n" : $"{Prose}the key quantity is {formula}, see [the paper](https://arxiv.org/abs/1312.6114).\n\n");
            if (i % 7 == 3) text.Append("- a **first** point about the result\n- a second point, with `code`\n- a third point\n\n");
            if (i == 12) text.Append("| Model | Score |\n|---|--:|\n| Baseline | 3.14 |\n| Ours | 2.92 |\n\n");
        }
        text.Append("## Comments\n\n").Append(Prose).Append("what remains open is whether the gains survive a larger model.\n");
        return text.ToString();
    }
}
