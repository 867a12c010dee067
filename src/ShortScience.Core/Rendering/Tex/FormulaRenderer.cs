using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShortScience.Core.Rendering.Html;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>One formula of a document, in document order. <paramref name="Error"/> is set when it cannot be rendered at all.</summary>
public sealed record Formula(string Tex, bool Display, bool Block, string? Error = null);

/// <summary>
/// Renders a document's formulas in one call into V8 (in this process or a math worker): KaTeX first, MathJax (TeX → MathML) for those KaTeX
/// rejects, an error box with the escaped source for those both reject.
/// </summary>
sealed class FormulaRenderer(IMathBackend math, FormulaCache cache)
{
    /// <summary>The HTML fragment of each formula; "" for one that only defines macros.</summary>
    public string[] Render(IReadOnlyList<Formula> formulas, Deadline deadline)
    {
        var fragments = new string[formulas.Count];
        var cacheable = cache.Enabled ? FormulaCache.FirstDefinition(formulas) : 0;
        var pending = new List<int>();
        for (var i = 0; i < formulas.Count; i++)
        {
            if (formulas[i].Error is { } error) fragments[i] = ErrorBox(formulas[i], error);
            else if (i < cacheable && cache.TryGet(formulas[i], out var html)) fragments[i] = Wrap(formulas[i], html);
            else pending.Add(i);
        }
        if (pending.Count == 0) return fragments;

        // Cached formulas all come before the first definition, so leaving them out keeps the macros in step.
        var batch = pending.Select(i => formulas[i]).ToList();
        var katex = Parse(math.RenderDocument(Items(batch, null), deadline));
        var failed = new List<int>();
        for (var n = 0; n < batch.Count; n++)
        {
            var (i, result) = (pending[n], katex[n]);
            if (result.K == "katex")
            {
                var html = HtmlPolicy.FinishMathLinks(result.H!);
                fragments[i] = Wrap(formulas[i], html);
                if (i < cacheable) cache.Add(formulas[i], html);
            }
            else if (result.K == "definitions") fragments[i] = "";
            else if (result.K == "refused") fragments[i] = ErrorBox(formulas[i], result.E ?? "a command that is not allowed");
            else failed.Add(n);
        }
        if (failed.Count == 0) return fragments;

        var retry = Items(failed.Select(n => batch[n]).ToList(), failed.Select(n => katex[n].P ?? "").ToList());
        var mathJax = Parse(math.RenderWithMathJax(retry, deadline));
        for (var m = 0; m < failed.Count; m++)
        {
            var (i, n) = (pending[failed[m]], failed[m]);
            fragments[i] = mathJax[m].H is { } mathml
                ? Wrap(formulas[i], HtmlPolicy.SanitizeMathMl(mathml), "math-mathjax")
                : ErrorBox(formulas[i], katex[n].E ?? mathJax[m].E ?? "unknown error");
        }
        return fragments;
    }

    static KatexResult[] Parse(string json) => JsonSerializer.Deserialize(json, MathJson.Default.KatexResultArray)!;

    static string Items(IReadOnlyList<Formula> formulas, IReadOnlyList<string>? definitions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var i = 0; i < formulas.Count; i++)
            {
                json.WriteStartArray();
                json.WriteStringValue(formulas[i].Tex);
                json.WriteBooleanValue(formulas[i].Display);
                if (definitions is not null) json.WriteStringValue(definitions[i]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    static string Wrap(Formula formula, string html, string? css = null) => (formula.Block, css) switch
    {
        // Display math scrolls sideways when wider than the page; tabindex lets keyboard users scroll it too.
        (true, null) => $"<div class=\"math-display\" tabindex=\"0\">{html}</div>",
        (true, _) => $"<div class=\"math-display {css}\" tabindex=\"0\">{html}</div>",
        (false, null) => html,
        (false, _) => $"<span class=\"{css}\">{html}</span>",
    };

    static string ErrorBox(Formula formula, string message)
    {
        var (source, text) = (WebUtility.HtmlEncode(formula.Tex), WebUtility.HtmlEncode(message));
        return formula.Block
            ? $"<div class=\"math-error\" role=\"note\"><pre><code>{source}</code></pre><p class=\"math-error-message\">Math error: {text}</p></div>"
            : $"<span class=\"math-error\" role=\"note\"><code>{source}</code> <span class=\"math-error-message\">(math error: {text})</span></span>";
    }
}

sealed record KatexResult(
    [property: JsonPropertyName("k")] string? K,
    [property: JsonPropertyName("h")] string? H,
    [property: JsonPropertyName("e")] string? E,
    [property: JsonPropertyName("p")] string? P);

[JsonSerializable(typeof(KatexResult[]))]
sealed partial class MathJson : JsonSerializerContext;
