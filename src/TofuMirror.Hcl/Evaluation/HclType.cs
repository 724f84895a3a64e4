using System;
using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>The families of <see cref="HclType"/>.</summary>
public enum HclTypeKind
{
    /// <summary>Any type: the type is not known yet.</summary>
    Dynamic,
    String,
    Number,
    Bool,
    Tuple,
    Object,
}

/// <summary>The type of an <see cref="HclValue"/>, mainly to say what an unknown value will be.</summary>
public sealed class HclType : IEquatable<HclType>
{
    private static readonly IReadOnlyList<HclType> NoElements = Array.Empty<HclType>();
    private static readonly IReadOnlyDictionary<string, HclType> NoAttributes = new Dictionary<string, HclType>();

    private HclType(HclTypeKind kind, IReadOnlyList<HclType> elements, IReadOnlyDictionary<string, HclType> attributes)
    {
        Kind = kind;
        ElementTypes = elements;
        AttributeTypes = attributes;
    }

    public static HclType Dynamic { get; } = new(HclTypeKind.Dynamic, NoElements, NoAttributes);
    public static HclType String { get; } = new(HclTypeKind.String, NoElements, NoAttributes);
    public static HclType Number { get; } = new(HclTypeKind.Number, NoElements, NoAttributes);
    public static HclType Bool { get; } = new(HclTypeKind.Bool, NoElements, NoAttributes);

    public static HclType Tuple(IEnumerable<HclType> elements) => new(HclTypeKind.Tuple, elements.ToArray(), NoAttributes);

    public static HclType Object(IEnumerable<KeyValuePair<string, HclType>> attributes)
    {
        var sorted = new SortedDictionary<string, HclType>(StringComparer.Ordinal);
        foreach (var pair in attributes) sorted[pair.Key] = pair.Value;
        return new HclType(HclTypeKind.Object, NoElements, sorted);
    }

    public HclTypeKind Kind { get; }
    public IReadOnlyList<HclType> ElementTypes { get; }
    public IReadOnlyDictionary<string, HclType> AttributeTypes { get; }

    /// <summary>The name HCL uses in messages: "string", "number", "tuple", ...</summary>
    public string FriendlyName => Kind switch
    {
        HclTypeKind.Dynamic => "dynamic",
        HclTypeKind.String => "string",
        HclTypeKind.Number => "number",
        HclTypeKind.Bool => "bool",
        HclTypeKind.Tuple => "tuple",
        _ => "object",
    };

    public bool Equals(HclType? other)
    {
        if (other is null || other.Kind != Kind) return false;
        if (ReferenceEquals(this, other)) return true;
        return ElementTypes.SequenceEqual(other.ElementTypes)
            && AttributeTypes.Count == other.AttributeTypes.Count
            && AttributeTypes.All(p => other.AttributeTypes.TryGetValue(p.Key, out var t) && t.Equals(p.Value));
    }

    public override bool Equals(object? obj) => Equals(obj as HclType);
    public override int GetHashCode() => (int)Kind * 397 + ElementTypes.Count * 31 + AttributeTypes.Count;
    public override string ToString() => FriendlyName;
}
