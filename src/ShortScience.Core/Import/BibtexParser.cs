using ShortScience.Contracts;
using System.Text;

namespace ShortScience.Core.Import;

/// <summary>
/// Reads .bib text as BibTeX does: @string macros, '#' concatenation, month macros, braced and quoted
/// values, @comment and @preamble, text between entries ignored. A broken entry becomes a
/// <see cref="BibtexProblem"/> and reading resumes at the next line that starts with '@'.
/// </summary>
public static class BibtexParser
{
    static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Entries that fail before reading stops: a file that is mostly broken is not worth reading to its end.</summary>
    public const int MaxProblems = 1_000;

    public static BibtexDocument Parse(string text) => new Reader(text).Read();

    sealed class ParseException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    sealed class Reader(string s)
    {
        readonly Dictionary<string, string> _macros = new(StringComparer.OrdinalIgnoreCase);
        readonly List<BibtexEntry> _entries = [];
        readonly List<BibtexProblem> _problems = [];
        readonly List<string> _preambles = [];
        int[]? _lineStarts;
        string? _key;
        int _i;
        // How far the entry being read may reach (no entry is longer than Limits.BibtexEntryChars), so a value that
        // never closes costs one entry's length to find out, not the rest of the file.
        int _limit = s.Length;
        int _errors;

        public BibtexDocument Read()
        {
            for (var m = 0; m < 12; m++) _macros[MonthNames[m][..3]] = MonthNames[m];
            while (SkipToEntry())
            {
                var start = _i;
                if (_entries.Count >= Limits.BibtexEntriesPerFile)
                {
                    _problems.Add(new BibtexProblem(LineOf(start), null,
                        $"A file may hold at most {Limits.BibtexEntriesPerFile:N0} entries; this entry and the ones after it were not read. Import them as another file."));
                    break;
                }
                if (_errors >= MaxProblems)
                {
                    _problems.Add(new BibtexProblem(LineOf(start), null,
                        $"The file has more than {MaxProblems:N0} entries that could not be read; the rest of it was not read."));
                    break;
                }
                _key = null;
                _limit = (int)Math.Min(s.Length, (long)start + Limits.BibtexEntryChars + 1);
                try
                {
                    _i++;
                    ReadItem();
                }
                catch (ParseException ex)
                {
                    var message = _i >= _limit && _limit < s.Length
                        ? $"This entry is longer than {Limits.BibtexEntryChars:N0} characters, or a value in it is never closed." : ex.Message;
                    _problems.Add(new BibtexProblem(LineOf(Math.Min(ex.Position, s.Length)), _key, message));
                    _errors++;
                    _i = NextLineStartingWithAt(start + 1);
                }
                finally
                {
                    _limit = s.Length;
                }
            }
            return new BibtexDocument(_entries, _problems, _preambles);
        }

        /// <summary>Moves to the next '@' outside entries; everything before it (and '%' lines) is comment.</summary>
        bool SkipToEntry()
        {
            while (_i < s.Length)
            {
                if (s[_i] == '@') return true;
                if (s[_i] == '%') SkipLine();
                else _i++;
            }
            return false;
        }

        void ReadItem()
        {
            SkipSpace();
            var type = Identifier().ToLowerInvariant();
            if (type.Length == 0) throw new ParseException(_i, "'@' is not followed by an entry type.");
            SkipSpace();
            if (type == "comment")
            {
                if (_i < _limit && s[_i] is '{' or '(') ReadDelimited(s[_i], s[_i] == '{' ? '}' : ')');
                else SkipLine();
                return;
            }
            if (_i >= _limit || s[_i] is not ('{' or '('))
            {
                throw new ParseException(_i, $"@{type} is not followed by '{{' or '('.");
            }
            var close = s[_i] == '{' ? '}' : ')';
            var line = LineOf(_i);
            _i++;

            switch (type)
            {
                case "string":
                    SkipSpace();
                    var name = Identifier();
                    if (name.Length == 0) throw new ParseException(_i, "@string has no macro name.");
                    Expect('=');
                    _macros[name] = Value();
                    Expect(close);
                    return;
                case "preamble":
                    _preambles.Add(Value());
                    Expect(close);
                    return;
            }

            SkipSpace();
            var keyStart = _i;
            while (_i < _limit && s[_i] != ',' && s[_i] != close && !char.IsWhiteSpace(s[_i])) _i++;
            var key = _key = s[keyStart.._i];
            if (key.Length == 0) throw new ParseException(_i, $"@{type} entry has no citation key.");
            if (key.Contains('=')) throw new ParseException(keyStart, $"@{type} entry has no citation key before its fields.");
            SkipSpace();
            if (_i < _limit && s[_i] != ',' && s[_i] != close)
            {
                throw new ParseException(_i, $"Entry '{key}': a ',' is missing after the citation key.");
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipSpace();
                if (_i >= _limit) throw new ParseException(_i, $"Entry '{key}' is not closed: the file ends inside it.");
                if (s[_i] == close) { _i++; break; }
                if (s[_i] == ',') { _i++; continue; }
                var field = Identifier().ToLowerInvariant();
                if (field.Length == 0) throw new ParseException(_i, $"Entry '{key}': unexpected '{s[_i]}' where a field name should be.");
                Expect('=');
                var value = Value();
                // BibTeX keeps the first of repeated fields.
                fields.TryAdd(field, value);
                SkipSpace();
                if (_i < _limit && s[_i] != ',' && s[_i] != close)
                {
                    throw new ParseException(_i, $"Entry '{key}': a ',' is missing after the field '{field}'.");
                }
            }
            if (_i - keyStart > Limits.BibtexEntryChars)
            {
                throw new ParseException(keyStart, $"Entry '{key}' is longer than {Limits.BibtexEntryChars:N0} characters.");
            }
            _entries.Add(new BibtexEntry(type, key, fields, line));
        }

        string Value()
        {
            var sb = new StringBuilder();
            while (true)
            {
                SkipSpace();
                if (_i >= _limit) throw new ParseException(_i, "The file ends where a value should be.");
                var c = s[_i];
                if (c == '{') sb.Append(ReadDelimited('{', '}'));
                else if (c == '"') sb.Append(ReadQuoted());
                else if (char.IsAsciiDigit(c))
                {
                    var start = _i;
                    while (_i < _limit && char.IsAsciiDigit(s[_i])) _i++;
                    sb.Append(s, start, _i - start);
                }
                else
                {
                    var at = _i;
                    var name = Identifier();
                    if (name.Length == 0) throw new ParseException(_i, $"Expected a value but found '{c}'.");
                    if (!_macros.TryGetValue(name, out var expansion))
                    {
                        // BibTeX warns and goes on; the name itself is the best guess at the value.
                        _problems.Add(new BibtexProblem(LineOf(at), _key,
                            $"The macro '{name}' is not defined; its name was used as the value.", Warning: true));
                        expansion = name;
                    }
                    sb.Append(expansion);
                }
                if (sb.Length > Limits.BibtexEntryChars)
                {
                    // @string macros joined with '#' can double a value's length each time.
                    throw new ParseException(_i, $"A value is longer than {Limits.BibtexEntryChars:N0} characters.");
                }
                SkipSpace();
                if (_i < _limit && s[_i] == '#') { _i++; continue; }
                return sb.ToString();
            }
        }

        /// <summary>Reads a balanced {…} or (…) group and returns what is inside.</summary>
        string ReadDelimited(char open, char close)
        {
            var start = _i;
            var depth = 0;
            for (; _i < _limit; _i++)
            {
                if (s[_i] == '\\' && open == '{') { _i++; continue; }
                if (s[_i] == open && ++depth > Limits.BibtexBraceDepth + 1) throw TooDeep(start);
                else if (s[_i] == close && --depth == 0)
                {
                    _i++;
                    return s[(start + 1)..(_i - 1)];
                }
            }
            throw new ParseException(start, $"A '{open}' here is never closed.");
        }

        static ParseException TooDeep(int at) =>
            new(at, $"Braces here are nested more than {Limits.BibtexBraceDepth} deep, which no bibliography needs.");

        string ReadQuoted()
        {
            var start = _i++;
            var depth = 0;
            for (; _i < _limit; _i++)
            {
                var c = s[_i];
                if (c == '\\') { _i++; continue; }
                if (c == '{' && ++depth > Limits.BibtexBraceDepth) throw TooDeep(start);
                else if (c == '}' && --depth < 0) throw new ParseException(_i, "A '}' in this quoted value closes a brace that was never opened.");
                else if (c == '"' && depth == 0)
                {
                    _i++;
                    return s[(start + 1)..(_i - 1)];
                }
            }
            throw new ParseException(start, "A quoted value here is never closed.");
        }

        /// <summary>BibTeX names: anything but whitespace and "#%'(),={}.</summary>
        string Identifier()
        {
            var start = _i;
            while (_i < _limit && !char.IsWhiteSpace(s[_i]) && "\"#%'(),={}@".IndexOf(s[_i]) < 0) _i++;
            return s[start.._i];
        }

        void Expect(char c)
        {
            SkipSpace();
            if (_i >= _limit || s[_i] != c)
            {
                var found = _i < _limit ? $"'{s[_i]}'" : "the end of the file";
                throw new ParseException(_i, $"Expected '{c}' but found {found}.");
            }
            _i++;
        }

        /// <summary>Whitespace and, as biber allows, '%' comment lines between the parts of an entry.</summary>
        void SkipSpace()
        {
            while (_i < _limit)
            {
                if (char.IsWhiteSpace(s[_i])) _i++;
                else if (s[_i] == '%') SkipLine();
                else return;
            }
        }

        void SkipLine()
        {
            while (_i < _limit && s[_i] != '\n') _i++;
        }

        int NextLineStartingWithAt(int from)
        {
            for (var j = from; j < s.Length; j++)
            {
                if (s[j] != '@') continue;
                var k = j - 1;
                while (k >= 0 && s[k] is ' ' or '\t') k--;
                if (k < 0 || s[k] == '\n' || s[k] == '\r') return j;
            }
            return s.Length;
        }

        int LineOf(int position)
        {
            _lineStarts ??= [0, .. s.Index().Where(c => c.Item == '\n').Select(c => c.Index + 1)];
            var found = Array.BinarySearch(_lineStarts, position);
            return found >= 0 ? found + 1 : ~found;
        }
    }
}
