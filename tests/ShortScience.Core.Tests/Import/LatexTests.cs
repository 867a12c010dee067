using ShortScience.Core.Import;

namespace ShortScience.Core.Tests.Import;

public sealed class LatexTests
{
    [Theory]
    [InlineData(@"{\""a}", "ä")]
    [InlineData(@"\""{a}", "ä")]
    [InlineData(@"\""a", "ä")]
    [InlineData(@"\'{e}", "é")]
    [InlineData(@"\'e", "é")]
    [InlineData(@"\`a", "à")]
    [InlineData(@"\^o", "ô")]
    [InlineData(@"\~n", "ñ")]
    [InlineData(@"\=a", "ā")]
    [InlineData(@"\.z", "ż")]
    [InlineData(@"\u{g}", "ğ")]
    [InlineData(@"\v{s}", "š")]
    [InlineData(@"\v s", "š")]
    [InlineData(@"\H{o}", "ő")]
    [InlineData(@"\c{c}", "ç")]
    [InlineData(@"\c c", "ç")]
    [InlineData(@"\k{a}", "ą")]
    [InlineData(@"\r{u}", "ů")]
    [InlineData(@"\d{s}", "ṣ")]
    [InlineData(@"{\ss}", "ß")]
    [InlineData(@"Stra\ss e", "Straße")]
    [InlineData(@"\o", "ø")]
    [InlineData(@"{\O}", "Ø")]
    [InlineData(@"\l{}", "ł")]
    [InlineData(@"{\L}", "Ł")]
    [InlineData(@"{\aa}", "å")]
    [InlineData(@"\AA{}", "Å")]
    [InlineData(@"{\ae}", "æ")]
    [InlineData(@"{\oe}uvre", "œuvre")]
    [InlineData(@"\'{\i}", "í")]
    [InlineData(@"\""\i", "ï")]
    [InlineData("pages 1--10", "pages 1–10")]
    [InlineData("yes---no", "yes—no")]
    [InlineData("A~B", "A B")]
    [InlineData("{B}ayesian", "Bayesian")]
    [InlineData("``quoted''", "“quoted”")]
    [InlineData(@"\textit{Drosophila}", "Drosophila")]
    [InlineData(@"\textbf{\emph{both}}", "both")]
    [InlineData(@"\url{https://x.org}", "https://x.org")]
    [InlineData(@"see \url{https://x.org/~me/a--b}", "see https://x.org/~me/a--b")]
    [InlineData(@"\& \% \$ \# \_ \{ \}", "& % $ # _ { }")]
    [InlineData(@"\textbackslash{} \textasciitilde{} \textasciicircum{}", @"\ ~ ^")]
    [InlineData(@"\ldots", "…")]
    [InlineData(@"{\noopsort{1973b}}1972", "1972")]
    [InlineData(@"\MakeUppercase{shout}", "SHOUT")]
    [InlineData(@"$O(n \log n)$ sorting", @"$O(n \log n)$ sorting")]
    [InlineData(@"no LaTeX at all", "no LaTeX at all")]
    [InlineData(@"\unknowncommand{kept text}", "kept text")]
    [InlineData(@"Ond\v{r}ej Du\v{s}ek", "Ondřej Dušek")]
    [InlineData(@"Erd{\H{o}}s", "Erdős")]
    [InlineData(@"G{\""o}del", "Gödel")]
    public void DecodesToUnicode(string latex, string expected) => Assert.Equal(expected, Latex.ToUnicode(latex));

    [Theory]
    [InlineData(100_000)]
    [InlineData(300_000)]
    public void DeeplyNestedBracesAndAccentsCannotExhaustTheStack(int depth)
    {
        var braces = Latex.ToUnicode(new string('{', depth) + "x" + new string('}', depth));
        Assert.Equal("x", braces);
        var accents = Latex.ToUnicode(string.Concat(Enumerable.Repeat("\\'", depth)) + "e");
        Assert.EndsWith("e", accents.Normalize(System.Text.NormalizationForm.FormD).TrimEnd('\u0301'));
        Assert.Equal("ab", Latex.ToUnicode("{{a}" + new string('{', 200) + "b" + new string('}', 200) + "}"));
    }
}

public sealed class MojibakeTests
{
    [Theory]
    [InlineData("AÃ¤ron", "Aäron")]
    [InlineData("SchÃ¶lkopf", "Schölkopf")]
    [InlineData("Ã©tude", "étude")]
    [InlineData("JÃ¼rgen", "Jürgen")]
    [InlineData("GarÃ§on", "Garçon")]
    [InlineData("Ã…ke", "Åke")]
    [InlineData("Å‚ukÃ¡Å¡", "łukáš")]
    [InlineData("donâ€™t", "don’t")]
    [InlineData("1â€“10", "1–10")]
    [InlineData("â€œquotedâ€\u009D", "“quoted”")]
    [InlineData("StraÃŸe", "Straße")]
    [InlineData("ÃƒÂ¤", "ä")]
    [InlineData("æ—¥æœ¬", "日本")]
    public void RepairsUtf8ReadAsWindows1252(string broken, string expected) => Assert.Equal(expected, Mojibake.Repair(broken));

    [Theory]
    [InlineData("Aäron van den Oord")]
    [InlineData("Schölkopf")]
    [InlineData("© 2020 — café")]
    [InlineData("Â")]
    [InlineData("Ã alone")]
    [InlineData("plain ASCII")]
    [InlineData("日本語")]
    public void LeavesCorrectTextAlone(string text)
    {
        Assert.Equal(text, Mojibake.Repair(text));
        Assert.False(Mojibake.LooksBroken(text));
    }
}
