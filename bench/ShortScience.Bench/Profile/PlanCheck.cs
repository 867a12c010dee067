using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ShortScience.Bench.Profile;

/// <summary>
/// Reads PostgreSQL's log with auto_explain's JSON plans (bench.sh plans) and reports every statement of one
/// application whose plan reads a big table whole: the check that each list's filter and order has its index, made
/// on the generated data where the planner's choices are the real ones.
/// </summary>
public static class PlanCheck
{
    static readonly HashSet<string> BigTables =
    [
        "papers", "summaries", "summary_revisions", "comments", "comment_revisions", "votes", "paper_authors",
        "summary_daily_stats", "notifications", "follows", "users", "authors",
    ];

    public static int Run(string log, string application)
    {
        var plans = 0;
        var statements = new HashSet<string>();
        var findings = new List<string>();
        var background = new List<string>();
        foreach (var (text, plan) in Plans(log, application))
        {
            plans++;
            statements.Add(text);
            var scans = new List<string>();
            Walk(plan, scans);
            if (scans.Count == 0) continue;
            // Statements tagged "-- background:" (EF TagWith) read a whole window on purpose, off the request path.
            (text.StartsWith(ShortScience.Data.PlanTags.BackgroundComment, StringComparison.Ordinal) ? background : findings).Add($"{string.Join(", ", scans)}\n    {OneLine(text)}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{plans:N0} plans of {statements.Count:N0} distinct statements from '{application}'; {findings.Distinct().Count()} read a big table whole"));
        foreach (var finding in findings.Distinct()) Console.WriteLine("  " + finding);
        if (background.Count > 0) Console.WriteLine("Background work (tagged, allowed):");
        foreach (var finding in background.Distinct()) Console.WriteLine("  " + finding);
        return plans == 0 || findings.Count > 0 ? 1 : 0;
    }

    /// <summary>auto_explain writes "…LOG:  duration: … plan:" then the JSON over several lines, until the next log line.</summary>
    static IEnumerable<(string Text, JsonElement Plan)> Plans(string log, string application)
    {
        StringBuilder? json = null;
        foreach (var line in File.ReadLines(log).Append(""))
        {
            // log_line_prefix is "%a:" (bench.sh): every new entry starts "<application>:<LEVEL>:".
            var starts = line.Length == 0 || EntryStart.IsMatch(line);
            if (json is not null && starts)
            {
                JsonElement? parsed = null;
                try
                {
                    using var document = JsonDocument.Parse(json.ToString());
                    parsed = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                }
                json = null;
                if (parsed is { } root && root.TryGetProperty("Plan", out var plan)) yield return (root.GetProperty("Query Text").GetString() ?? "", plan);
            }
            if (line.StartsWith($"{application}:LOG:", StringComparison.Ordinal) && line.EndsWith("plan:", StringComparison.Ordinal)) json = new StringBuilder();
            else if (json is not null) json.AppendLine(line);
        }
    }

    static readonly System.Text.RegularExpressions.Regex EntryStart =
        new(@"^[\w .\-]*:(LOG|ERROR|WARNING|STATEMENT|DETAIL|HINT|FATAL|CONTEXT|NOTICE|PANIC):", System.Text.RegularExpressions.RegexOptions.Compiled);

    static void Walk(JsonElement node, List<string> found)
    {
        if (node.GetProperty("Node Type").GetString() == "Seq Scan" && node.TryGetProperty("Relation Name", out var relation)
            && BigTables.Contains(relation.GetString()!))
        {
            found.Add($"Seq Scan on {relation.GetString()} (~{node.GetProperty("Plan Rows").GetDouble():N0} rows)");
        }
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray()) Walk(child, found);
        }
    }

    static string OneLine(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }
}
