using System;
using System.Collections.Generic;
using System.Globalization;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Json;

/// <summary>The kinds of JSON value.</summary>
public enum JsonValueKind
{
    /// <summary><c>{...}</c></summary>
    Object,
    /// <summary><c>[...]</c></summary>
    Array,
    /// <summary><c>"..."</c></summary>
    String,
    /// <summary>A number (source text kept exactly).</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary><c>null</c>.</summary>
    Null,
}

/// <summary>An immutable JSON value with the source range it was read from.</summary>
public abstract class JsonValue
{
    private protected JsonValue(SourceRange range) => Range = range;

    /// <summary>Where the value is in its file.</summary>
    public SourceRange Range { get; }

    /// <summary>What kind of value this is.</summary>
    public abstract JsonValueKind Kind { get; }
}

/// <summary>A JSON object. Members keep source order; a repeated name is kept (it is not an error).</summary>
public sealed class JsonObject : JsonValue
{
    /// <summary>Creates an object.</summary>
    public JsonObject(IReadOnlyList<JsonMember> members, SourceRange range) : base(range) => Members = members;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Object;

    /// <summary>The members in source order.</summary>
    public IReadOnlyList<JsonMember> Members { get; }

    /// <summary>The value of the last member called <paramref name="name"/> (JSON readers usually let the last win).</summary>
    public bool TryGetValue(string name, out JsonValue value)
    {
        for (var i = Members.Count - 1; i >= 0; i--)
        {
            if (Members[i].Name == name)
            {
                value = Members[i].Value;
                return true;
            }
        }
        value = null!;
        return false;
    }
}

/// <summary>A <c>"name": value</c> member of a <see cref="JsonObject"/>.</summary>
public sealed class JsonMember
{
    /// <summary>Creates a member.</summary>
    public JsonMember(string name, SourceRange nameRange, JsonValue value)
    {
        Name = name;
        NameRange = nameRange;
        Value = value;
    }

    /// <summary>The unescaped member name.</summary>
    public string Name { get; }

    /// <summary>Where the quoted name is.</summary>
    public SourceRange NameRange { get; }

    /// <summary>The member's value.</summary>
    public JsonValue Value { get; }
}

/// <summary>A JSON array.</summary>
public sealed class JsonArray : JsonValue
{
    /// <summary>Creates an array.</summary>
    public JsonArray(IReadOnlyList<JsonValue> items, SourceRange range) : base(range) => Items = items;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Array;

    /// <summary>The elements in order.</summary>
    public IReadOnlyList<JsonValue> Items { get; }
}

/// <summary>A JSON string (unescaped).</summary>
public sealed class JsonString : JsonValue
{
    /// <summary>Creates a string.</summary>
    public JsonString(string value, SourceRange range) : base(range) => Value = value;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.String;

    /// <summary>The unescaped text.</summary>
    public string Value { get; }
}

/// <summary>A JSON number; <see cref="Text"/> is exactly as written.</summary>
public sealed class JsonNumber : JsonValue
{
    /// <summary>Creates a number.</summary>
    public JsonNumber(string text, SourceRange range) : base(range) => Text = text;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Number;

    /// <summary>The number's source text.</summary>
    public string Text { get; }

    /// <summary>The value as a 64-bit integer, when it is one (no fraction, no exponent, in range).</summary>
    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>The value as a decimal, when it fits.</summary>
    public bool TryGetDecimal(out decimal value) =>
        decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

/// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
public sealed class JsonBool : JsonValue
{
    /// <summary>Creates a boolean.</summary>
    public JsonBool(bool value, SourceRange range) : base(range) => Value = value;

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Bool;

    /// <summary>The value.</summary>
    public bool Value { get; }
}

/// <summary>A JSON <c>null</c>.</summary>
public sealed class JsonNull : JsonValue
{
    /// <summary>Creates a null.</summary>
    public JsonNull(SourceRange range) : base(range)
    {
    }

    /// <inheritdoc />
    public override JsonValueKind Kind => JsonValueKind.Null;
}

/// <summary>The result of <see cref="JsonParser.Parse"/>.</summary>
public sealed class JsonParseResult
{
    /// <summary>Creates a result.</summary>
    public JsonParseResult(JsonValue? value, IReadOnlyList<Diagnostic> diagnostics)
    {
        Value = value;
        Diagnostics = diagnostics ?? throw new ArgumentNullException(nameof(diagnostics));
    }

    /// <summary>The document's value; null when the text does not parse.</summary>
    public JsonValue? Value { get; }

    /// <summary>Problems found (at most one: strict JSON stops at the first).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the text did not parse.</summary>
    public bool HasErrors => Diagnostics.Count > 0;
}
