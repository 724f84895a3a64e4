using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>What an <see cref="HclValue"/> holds.</summary>
public enum HclValueKind
{
    Null,
    String,
    Number,
    Bool,
    Tuple,
    Object,

    /// <summary>A value that will only be known later; <see cref="HclValue.Type"/> says of what type.</summary>
    Unknown,
}

/// <summary>An immutable HCL value with cty-like semantics: primitives, tuples, objects (attributes ordered by key), null and unknown.</summary>
public sealed class HclValue : IEquatable<HclValue>
{
    private static readonly IReadOnlyList<HclValue> NoItems = Array.Empty<HclValue>();
    private static readonly IReadOnlyDictionary<string, HclValue> NoAttributes = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);

    private readonly string? _string;
    private readonly HclNumber _number;
    private readonly bool _bool;

    private HclValue(HclValueKind kind, HclType type, string? s = null, HclNumber number = default, bool b = false,
        IReadOnlyList<HclValue>? items = null, IReadOnlyDictionary<string, HclValue>? attributes = null)
    {
        Kind = kind;
        Type = type;
        _string = s;
        _number = number;
        _bool = b;
        Items = items ?? NoItems;
        Attributes = attributes ?? NoAttributes;
    }

    public static HclValue Null { get; } = new(HclValueKind.Null, HclType.Dynamic);
    public static HclValue True { get; } = new(HclValueKind.Bool, HclType.Bool, b: true);
    public static HclValue False { get; } = new(HclValueKind.Bool, HclType.Bool, b: false);
    public static HclValue EmptyString { get; } = new(HclValueKind.String, HclType.String, s: "");
    public static HclValue EmptyTuple { get; } = new(HclValueKind.Tuple, HclType.Tuple(Array.Empty<HclType>()));
    public static HclValue EmptyObject { get; } = new(HclValueKind.Object, HclType.Object(Array.Empty<KeyValuePair<string, HclType>>()));

    /// <summary>An unknown value of any type.</summary>
    public static HclValue DynamicUnknown { get; } = new(HclValueKind.Unknown, HclType.Dynamic);

    public static HclValue String(string value) =>
        value is null ? throw new ArgumentNullException(nameof(value)) : value.Length == 0 ? EmptyString : new(HclValueKind.String, HclType.String, s: value);

    public static HclValue Number(HclNumber value) => new(HclValueKind.Number, HclType.Number, number: value);
    public static HclValue Number(long value) => Number((HclNumber)value);
    public static HclValue Number(decimal value) => Number((HclNumber)value);

    /// <summary>A finite double, through its shortest round-trip decimal text.</summary>
    public static HclValue Number(double value) => Number(HclNumber.FromDouble(value));
    public static HclValue Bool(bool value) => value ? True : False;

    public static HclValue Tuple(params HclValue[] items) => Tuple((IEnumerable<HclValue>)items);

    public static HclValue Tuple(IEnumerable<HclValue> items)
    {
        var list = items.ToArray();
        return list.Length == 0 ? EmptyTuple : new(HclValueKind.Tuple, HclType.Tuple(list.Select(v => v.Type)), items: list);
    }

    public static HclValue Object(IEnumerable<KeyValuePair<string, HclValue>> attributes)
    {
        var sorted = new SortedDictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var pair in attributes) sorted[pair.Key] = pair.Value;
        return sorted.Count == 0 ? EmptyObject
            : new(HclValueKind.Object, HclType.Object(sorted.Select(p => new KeyValuePair<string, HclType>(p.Key, p.Value.Type))), attributes: sorted);
    }

    public static HclValue Unknown(HclType type) =>
        type == HclType.Dynamic ? DynamicUnknown : new(HclValueKind.Unknown, type ?? throw new ArgumentNullException(nameof(type)));

    public HclValueKind Kind { get; }

    /// <summary>The value's type; for <see cref="HclValue.Null"/> it is dynamic.</summary>
    public HclType Type { get; }

    public bool IsKnown => Kind != HclValueKind.Unknown;
    public bool IsNull => Kind == HclValueKind.Null;

    /// <summary>Known, and every nested value known too.</summary>
    public bool IsWhollyKnown => Kind switch
    {
        HclValueKind.Unknown => false,
        HclValueKind.Tuple => Items.All(i => i.IsWhollyKnown),
        HclValueKind.Object => Attributes.Values.All(i => i.IsWhollyKnown),
        _ => true,
    };

    /// <summary>Tuple elements (empty for other kinds).</summary>
    public IReadOnlyList<HclValue> Items { get; }

    /// <summary>Object attributes in ordinal key order (empty for other kinds).</summary>
    public IReadOnlyDictionary<string, HclValue> Attributes { get; }

    public string AsString() => Kind == HclValueKind.String ? _string! : throw WrongKind(HclValueKind.String);
    public HclNumber AsNumber() => Kind == HclValueKind.Number ? _number : throw WrongKind(HclValueKind.Number);
    public decimal AsDecimal() => AsNumber().ToDecimal();
    public bool AsBool() => Kind == HclValueKind.Bool ? _bool : throw WrongKind(HclValueKind.Bool);

    private InvalidOperationException WrongKind(HclValueKind wanted) =>
        new($"The value is {Kind.ToString().ToLowerInvariant()}, not {wanted.ToString().ToLowerInvariant()}.");

    public bool Equals(HclValue? other)
    {
        if (other is null || other.Kind != Kind) return false;
        if (ReferenceEquals(this, other)) return true;
        return Kind switch
        {
            HclValueKind.String => _string == other._string,
            HclValueKind.Number => _number == other._number,
            HclValueKind.Bool => _bool == other._bool,
            HclValueKind.Tuple => Items.SequenceEqual(other.Items),
            HclValueKind.Object => Attributes.Count == other.Attributes.Count
                && Attributes.All(p => other.Attributes.TryGetValue(p.Key, out var v) && v.Equals(p.Value)),
            HclValueKind.Unknown => Type.Equals(other.Type),
            _ => true,
        };
    }

    public override bool Equals(object? obj) => Equals(obj as HclValue);

    public override int GetHashCode() => Kind switch
    {
        HclValueKind.String => StringComparer.Ordinal.GetHashCode(_string!),
        HclValueKind.Number => _number.GetHashCode(),
        HclValueKind.Bool => _bool ? 1 : 2,
        HclValueKind.Tuple => Items.Count * 17 + 3,
        HclValueKind.Object => Attributes.Count * 19 + 5,
        _ => (int)Kind,
    };

    /// <summary>An HCL-like rendering for messages and test output, e.g. <c>{"a" = [1, true]}</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    private void Render(StringBuilder builder)
    {
        switch (Kind)
        {
            case HclValueKind.Null: builder.Append("null"); break;
            case HclValueKind.String: builder.Append(Quote(_string!)); break;
            case HclValueKind.Number: builder.Append(_number.ToString()); break;
            case HclValueKind.Bool: builder.Append(_bool ? "true" : "false"); break;
            case HclValueKind.Unknown: builder.Append("(unknown ").Append(Type.FriendlyName).Append(')'); break;
            case HclValueKind.Tuple:
                builder.Append('[');
                for (var i = 0; i < Items.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Items[i].Render(builder);
                }
                builder.Append(']');
                break;
            case HclValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var pair in Attributes)
                {
                    if (!first) builder.Append(", ");
                    first = false;
                    builder.Append(Quote(pair.Key)).Append(" = ");
                    pair.Value.Render(builder);
                }
                builder.Append('}');
                break;
        }
    }

    private static string Quote(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
