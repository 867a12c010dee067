namespace ShortScience.Core.Import;

public static partial class Latex
{
    /// <summary>Accent commands and the combining mark each puts on its argument's first letter.</summary>
    static readonly Dictionary<string, char> Accents = new(StringComparer.Ordinal)
    {
        ["'"] = '\u0301', ["`"] = '\u0300', ["^"] = '\u0302', ["\""] = '\u0308', ["~"] = '\u0303',
        ["="] = '\u0304', ["."] = '\u0307', ["u"] = '\u0306', ["v"] = '\u030C', ["H"] = '\u030B',
        ["c"] = '\u0327', ["k"] = '\u0328', ["r"] = '\u030A', ["d"] = '\u0323', ["b"] = '\u0331',
        ["t"] = '\u0361',
    };

    /// <summary>Control words that stand for one character or a fixed text.</summary>
    static readonly Dictionary<string, string> Letters = new(StringComparer.Ordinal)
    {
        ["ss"] = "ß", ["SS"] = "SS", ["o"] = "ø", ["O"] = "Ø", ["l"] = "ł", ["L"] = "Ł",
        ["aa"] = "å", ["AA"] = "Å", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ",
        ["i"] = "ı", ["j"] = "ȷ", ["dh"] = "ð", ["DH"] = "Ð", ["th"] = "þ", ["TH"] = "Þ",
        ["dj"] = "đ", ["DJ"] = "Đ", ["ng"] = "ŋ", ["NG"] = "Ŋ",
        ["textendash"] = "–", ["textemdash"] = "—", ["ldots"] = "…", ["dots"] = "…", ["textellipsis"] = "…",
        ["textquoteleft"] = "‘", ["textquoteright"] = "’", ["textquotedblleft"] = "“", ["textquotedblright"] = "”",
        ["guillemotleft"] = "«", ["guillemotright"] = "»", ["flqq"] = "«", ["frqq"] = "»",
        ["textregistered"] = "®", ["texttrademark"] = "™", ["copyright"] = "©", ["textcopyright"] = "©",
        ["S"] = "§", ["P"] = "¶", ["pounds"] = "£", ["euro"] = "€", ["texteuro"] = "€", ["textdegree"] = "°",
        ["textasciitilde"] = "~", ["textasciicircum"] = "^", ["textbraceleft"] = "{", ["textbraceright"] = "}", ["textbackslash"] = "\\", ["textunderscore"] = "_", ["textbar"] = "|",
        ["textless"] = "<", ["textgreater"] = ">", ["textbullet"] = "•", ["textperiodcentered"] = "·",
        ["LaTeX"] = "LaTeX", ["TeX"] = "TeX", ["BibTeX"] = "BibTeX", ["LaTeXe"] = "LaTeX2ε",
        ["quad"] = " ", ["qquad"] = " ", ["space"] = " ", ["newline"] = " ", ["par"] = " ",
        ["and"] = "&",
        // Greek letters written outside math mode, which some exporters do.
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["zeta"] = "ζ",
        ["eta"] = "η", ["theta"] = "θ", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν",
        ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["phi"] = "φ",
        ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ",
        ["Lambda"] = "Λ", ["Pi"] = "Π", ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
        // Declarations change the font of what follows; the text stays.
        ["em"] = "", ["it"] = "", ["bf"] = "", ["sc"] = "", ["rm"] = "", ["sf"] = "", ["tt"] = "",
        ["itshape"] = "", ["bfseries"] = "", ["scshape"] = "", ["normalfont"] = "", ["relax"] = "",
        ["protect"] = "",
    };
}
