using ShortScience.Core.Text;
using System.Text;

namespace ShortScience.Core.Import;

/// <summary>
/// Turns the LaTeX found in bibliography fields into plain Unicode: accents (\"a, \'{e}, \c{c}), special
/// letters (\ss, \o, \l), dashes and quotes, text commands (\emph{…}); grouping braces are dropped and
/// math ($…$) is kept as written, since pages render it.
/// </summary>
public static partial class Latex
{
    public static string ToUnicode(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0) return text;
        var reader = new Reader(text);
        return reader.Run(untilBrace: false).NormalizeSafely(NormalizationForm.FormC);
    }

    const string Special = "\\{}~-`'$";

    /// <summary>
    /// Groups and command arguments nest at most this deep; deeper braces are dropped as plain grouping and deeper
    /// arguments ignored, so hostile input ({{{{… a hundred thousand times, \'\'\'…) cannot exhaust the stack.
    /// </summary>
    public const int MaxDepth = 64;

    sealed class Reader(string s)
    {
        int _i;
        int _depth;

        /// <summary>Braces opened past <see cref="MaxDepth"/>, whose closing braces are dropped too.</summary>
        int _flat;

        public string Run(bool untilBrace)
        {
            var sb = new StringBuilder();
            while (_i < s.Length)
            {
                var c = s[_i];
                switch (c)
                {
                    case '{':
                        _i++;
                        if (_depth >= MaxDepth)
                        {
                            _flat++;
                            break;
                        }
                        _depth++;
                        sb.Append(Run(untilBrace: true));
                        _depth--;
                        break;
                    case '}':
                        _i++;
                        if (_flat > 0)
                        {
                            _flat--;
                            break;
                        }
                        if (untilBrace) return sb.ToString();
                        break;
                    case '\\':
                        _i++;
                        sb.Append(Command());
                        break;
                    case '~':
                        _i++;
                        sb.Append(' ');
                        break;
                    case '-':
                        var dashes = Count('-');
                        sb.Append(dashes switch { 1 => "-", 2 => "–", 3 => "—", _ => new string('-', dashes) });
                        break;
                    case '`':
                        sb.Append(Count('`') >= 2 ? "“" : "‘");
                        break;
                    case '\'' when _i + 1 < s.Length && s[_i + 1] == '\'':
                        _i += 2;
                        sb.Append('”');
                        break;
                    case '$':
                        sb.Append(Math());
                        break;
                    default:
                        sb.Append(c);
                        _i++;
                        break;
                }
            }
            return sb.ToString();
        }

        int Count(char c)
        {
            var n = 0;
            while (_i < s.Length && s[_i] == c) { n++; _i++; }
            return n;
        }

        string Math()
        {
            var delimiter = _i + 1 < s.Length && s[_i + 1] == '$' ? "$$" : "$";
            var end = s.IndexOf(delimiter, _i + delimiter.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                _i++;
                return "$";
            }
            var math = s[_i..(end + delimiter.Length)];
            _i = end + delimiter.Length;
            return math;
        }

        string Command()
        {
            if (_i >= s.Length) return "";
            var c = s[_i];
            if (!char.IsAsciiLetter(c))
            {
                _i++;
                if (Accents.TryGetValue(c.ToString(), out var mark)) return Accent(mark);
                return c switch
                {
                    '\\' or ' ' or ',' or ';' or ':' => " ",
                    '-' or '/' or '!' or '@' => "",
                    _ => c.ToString(),
                };
            }

            var start = _i;
            while (_i < s.Length && char.IsAsciiLetter(s[_i])) _i++;
            var name = s[start.._i];
            // TeX swallows the spaces after a control word.
            while (_i < s.Length && s[_i] is ' ' or '\t' or '\n' or '\r') _i++;

            if (Accents.TryGetValue(name, out var accent)) return Accent(accent);
            if (Letters.TryGetValue(name, out var letter))
            {
                SkipEmptyGroup();
                return letter;
            }
            // \noopsort{…} only steers sorting; its argument is not printed.
            if (name == "noopsort")
            {
                Argument();
                return "";
            }
            if (name is "url" or "path" && _i < s.Length && s[_i] == '{')
            {
                // URLs are verbatim: a '~' or '--' in them is part of the address.
                var end = s.IndexOf('}', _i);
                if (end > 0)
                {
                    var url = s[(_i + 1)..end];
                    _i = end + 1;
                    return url;
                }
            }
            if (name is "MakeUppercase" or "uppercase") return Argument().ToUpperInvariant();
            if (name is "MakeLowercase" or "lowercase") return Argument().ToLowerInvariant();
            // Text commands (\emph{…}, \textbf{…}, \url{…}) and unknown ones keep their argument's text.
            return _i < s.Length && s[_i] == '{' ? Argument() : "";
        }

        void SkipEmptyGroup()
        {
            if (_i + 1 < s.Length && s[_i] == '{' && s[_i + 1] == '}') _i += 2;
        }

        string Argument()
        {
            if (_depth >= MaxDepth) return "";
            _depth++;
            try
            {
                return ReadArgument();
            }
            finally
            {
                _depth--;
            }
        }

        string ReadArgument()
        {
            while (_i < s.Length && char.IsWhiteSpace(s[_i])) _i++;
            if (_i >= s.Length) return "";
            switch (s[_i])
            {
                case '{':
                    _i++;
                    return Run(untilBrace: true);
                case '\\':
                    _i++;
                    return Command();
                default:
                    return s[_i++].ToString();
            }
        }

        string Accent(char mark)
        {
            var argument = Argument();
            if (argument.Length == 0) return mark.ToString();
            // A dotless i or j under an accent is how LaTeX writes an accented i or j.
            var first = argument[0] switch { 'ı' => 'i', 'ȷ' => 'j', var x => x };
            return (first + mark.ToString()).NormalizeSafely(NormalizationForm.FormC) + argument[1..];
        }
    }
}
