using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ClearScript;
using ShortScience.Core.Rendering.Html;

namespace ShortScience.Core.Rendering.Tex;

/// <summary>One formula of a document, in document order. <paramref name="Error"/> is set when it cannot be rendered at all.</summary>
public sealed record Formula(string Tex, bool Display, bool Block, string? Error = null);

/// <summary>
/// Renders a document's formulas in one call into V8: KaTeX first, MathJax (TeX → MathML) for those KaTeX
/// rejects, an error box with the escaped source for those both reject.
/// </summary>
sealed class FormulaRenderer(MathEnginePool pool)
{
    /// <summary>The HTML fragment of each formula; "" for one that only defines macros.</summary>
    public string[] Render(IReadOnlyList<Formula> formulas, Deadline deadline)
    {
        if (formulas.Count == 0) return [];
        var engine = pool.Rent(deadline);
        try
        {
            var katex = Parse(Timed(engine, deadline, () => engine.RenderDocument(Items(formulas, null))));
            var fragments = new string[formulas.Count];
            var failed = new List<int>();
            for (var i = 0; i < formulas.Count; i++)
            {
                var (formula, result) = (formulas[i], katex[i]);
                if (formula.Error is not null) fragments[i] = ErrorBox(formula, formula.Error);
                else if (result.K == "katex") fragments[i] = formula.Block ? $"<div class=\"math-display\">{result.H}</div>" : result.H!;
                else if (result.K == "definitions") fragments[i] = "";
                else failed.Add(i);
            }
            if (failed.Count == 0) return fragments;

            deadline.Excluding(engine.LoadMathJax);
            var retry = Items(failed.Select(i => formulas[i]).ToList(), failed.Select(i => katex[i].P ?? "").ToList());
            var mathJax = Parse(Timed(engine, deadline, () => engine.RenderWithMathJax(retry)));
            for (var n = 0; n < failed.Count; n++)
            {
                var formula = formulas[failed[n]];
                fragments[failed[n]] = mathJax[n].H is { } mathml
                    ? Wrap(formula, "math-mathjax", HtmlPolicy.SanitizeMathMl(mathml))
                    : ErrorBox(formula, katex[failed[n]].E ?? mathJax[n].E ?? "unknown error");
            }
            return fragments;
        }
        finally
        {
            pool.Return(engine);
        }
    }

    /// <summary>Runs one call into V8, interrupting it when the render's time is up.</summary>
    static string Timed(MathEngine engine, Deadline deadline, Func<string> call)
    {
        var remaining = deadline.Remaining;
        if (remaining <= TimeSpan.Zero) throw deadline.TooSlow();
        try
        {
            using var timer = new CancellationTokenSource(remaining);
            using var interrupt = timer.Token.Register(engine.Interrupt);
            return call();
        }
        catch (ScriptInterruptedException e)
        {
            throw deadline.Remaining <= TimeSpan.Zero ? deadline.TooSlow(e)
                : new RenderRefusedException(RefusalReason.TooComplex, "The formulas need more memory than a render may use.", e);
        }
        catch (ScriptEngineException e)
        {
            throw new RenderRefusedException(RefusalReason.TooComplex, "The formulas are too complex to render.", e);
        }
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
                // A formula already known to be broken goes in empty, keeping the results in step.
                json.WriteStringValue(formulas[i].Error is null ? formulas[i].Tex : "");
                json.WriteBooleanValue(formulas[i].Display);
                if (definitions is not null) json.WriteStringValue(definitions[i]);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    static string Wrap(Formula formula, string css, string html) =>
        formula.Block ? $"<div class=\"math-display {css}\">{html}</div>" : $"<span class=\"{css}\">{html}</span>";

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
