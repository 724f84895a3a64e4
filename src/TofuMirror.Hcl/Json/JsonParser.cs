using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Hcl.Json;

/// <summary>
/// A strict JSON (RFC 8259) reader with exact source ranges, for <c>.tf.json</c>-style files, JSON CLI
/// configuration and Docker-style auth files. Stops at the first problem with one diagnostic naming its
/// line and column; never throws for bad input. A leading byte-order mark is ignored.
/// </summary>
public sealed class JsonParser
{
    /// <summary>The summary of every JSON syntax diagnostic; the detail says what was wrong.</summary>
    public const string SyntaxErrorSummary = "Invalid JSON syntax";

    private const int MaxDepth = 512;

    private readonly string _text;
    private readonly SourceTextMap _map;
    private int _pos;
    private int _depth;

    private JsonParser(string text, string fileName)
    {
        _text = text;
        _map = new SourceTextMap(text, fileName);
    }

    /// <summary>Parses one JSON document (any value at top level).</summary>
    public static JsonParseResult Parse(string text, string fileName)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        var parser = new JsonParser(text, fileName);
        try
        {
            parser._pos = parser._map.FirstIndex;
            var value = parser.ParseValue();
            parser.SkipWhitespace();
            if (parser._pos < parser._text.Length) throw parser.Fail("unexpected text after the JSON value");
            return new JsonParseResult(value, Array.Empty<Diagnostic>());
        }
        catch (JsonSyntaxException e)
        {
            var end = Math.Min(e.Index + 1, text.Length);
            var diagnostic = Diagnostic.Error(SyntaxErrorSummary, e.Message, parser._map.Range(e.Index, Math.Max(e.Index, end)));
            return new JsonParseResult(null, new[] { diagnostic });
        }
    }

    /// <summary>
    /// Parses a JSON document whose top level must be an object into the neutral configuration tree
    /// (one key per item, no <c>=</c>; arrays become lists). See <see cref="JsonConfigConverter"/>.
    /// </summary>
    public static ConfigParseResult ParseConfig(string text, string fileName)
    {
        var result = Parse(text, fileName);
        return JsonConfigConverter.ToConfig(result, fileName);
    }

    private JsonSyntaxException Fail(string message) => new(message, _pos);

    private string Describe()
    {
        if (_pos >= _text.Length) return "end of file";
        var c = _text[_pos];
        return c < ' ' ? $"character U+{(int)c:X4}" : $"'{c}'";
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private JsonValue ParseValue()
    {
        SkipWhitespace();
        if (_pos >= _text.Length) throw Fail("expected a JSON value but found end of file");
        var c = _text[_pos];
        switch (c)
        {
            case '{': return Nest(ParseObject);
            case '[': return Nest(ParseArray);
            case '"':
                {
                    var start = _pos;
                    var s = ParseString();
                    return new JsonString(s, _map.Range(start, _pos));
                }
            case 't': return Keyword("true", r => new JsonBool(true, r));
            case 'f': return Keyword("false", r => new JsonBool(false, r));
            case 'n': return Keyword("null", r => new JsonNull(r));
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                throw Fail($"expected a JSON value but found {Describe()}");
        }
    }

    private JsonValue Nest(Func<JsonValue> parse)
    {
        if (++_depth > MaxDepth) throw Fail($"values are nested more than {MaxDepth} levels deep");
        var value = parse();
        _depth--;
        return value;
    }

    private JsonValue Keyword(string word, Func<SourceRange, JsonValue> make)
    {
        var start = _pos;
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0 ||
            (_pos + word.Length < _text.Length && char.IsLetterOrDigit(_text[_pos + word.Length])))
        {
            throw Fail($"expected a JSON value but found {Describe()}");
        }
        _pos += word.Length;
        return make(_map.Range(start, _pos));
    }

    private JsonObject ParseObject()
    {
        var start = _pos;
        _pos++;
        var members = new List<JsonMember>();
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == '}')
        {
            _pos++;
            return new JsonObject(members, _map.Range(start, _pos));
        }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != '"')
            {
                throw Fail($"expected a quoted object member name but found {Describe()}");
            }
            var nameStart = _pos;
            var name = ParseString();
            var nameRange = _map.Range(nameStart, _pos);
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != ':')
            {
                throw Fail($"expected ':' after object member name but found {Describe()}");
            }
            _pos++;
            var value = ParseValue();
            members.Add(new JsonMember(name, nameRange, value));
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
                return new JsonObject(members, _map.Range(start, _pos));
            }
            throw Fail($"expected ',' or '}}' after object member but found {Describe()}");
        }
    }

    private JsonArray ParseArray()
    {
        var start = _pos;
        _pos++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == ']')
        {
            _pos++;
            return new JsonArray(items, _map.Range(start, _pos));
        }
        while (true)
        {
            items.Add(ParseValue());
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == ',')
            {
                _pos++;
                continue;
            }
            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                return new JsonArray(items, _map.Range(start, _pos));
            }
            throw Fail($"expected ',' or ']' after array element but found {Describe()}");
        }
    }

    private string ParseString()
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Fail("string is not terminated");
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }
            if (c < ' ') throw Fail($"control character U+{(int)c:X4} must be escaped in a string");
            if (c != '\\')
            {
                sb.Append(c);
                _pos++;
                continue;
            }
            _pos++;
            if (_pos >= _text.Length) throw Fail("string is not terminated");
            var e = _text[_pos];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    sb.Append(ParseUnicodeEscape());
                    continue;
                default:
                    _pos--;
                    throw Fail($"invalid escape sequence '\\{e}'");
            }
            _pos++;
        }
    }

    /// <summary>At the <c>u</c> of <c>\uXXXX</c>; leaves the position after the four digits.</summary>
    private char ParseUnicodeEscape()
    {
        var escapeStart = _pos - 1;
        if (_pos + 5 > _text.Length ||
            !int.TryParse(_text.Substring(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ||
            !IsHex4(_text, _pos + 1))
        {
            _pos = escapeStart;
            throw Fail("invalid \\u escape: four hexadecimal digits are required");
        }
        _pos += 5;
        return (char)code;
    }

    private static bool IsHex4(string s, int at)
    {
        for (var i = at; i < at + 4; i++)
        {
            if (!(s[i] is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F')) return false;
        }
        return true;
    }

    private JsonNumber ParseNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-') _pos++;
        if (_pos >= _text.Length || !IsDigit(_text[_pos])) throw Fail("invalid number: a digit is required");
        if (_text[_pos] == '0')
        {
            _pos++;
            if (_pos < _text.Length && IsDigit(_text[_pos])) throw Fail("invalid number: leading zeros are not allowed");
        }
        else
        {
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) throw Fail("invalid number: a digit is required after '.'");
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-') _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos])) throw Fail("invalid number: a digit is required in the exponent");
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        return new JsonNumber(_text.Substring(start, _pos - start), _map.Range(start, _pos));
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, int index) : base(message) => Index = index;

        public int Index { get; }
    }
}
