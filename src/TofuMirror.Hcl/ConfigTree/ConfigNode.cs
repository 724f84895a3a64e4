using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.ConfigTree;

/// <summary>
/// A node of the small, format-neutral tree that both the HCL 1 parser and the JSON parser produce:
/// the shape legacy configuration formats (the CLI configuration) are decoded from.
/// </summary>
public abstract class ConfigNode
{
    private protected ConfigNode(SourceRange range) => Range = range;

    /// <summary>Where the node is in its source file.</summary>
    public SourceRange Range { get; }
}

/// <summary>An object: items in source order; a key may repeat (repeated blocks accumulate).</summary>
public sealed class ConfigObject : ConfigNode
{
    /// <summary>Creates an object node.</summary>
    public ConfigObject(IReadOnlyList<ConfigItem> items, SourceRange range) : base(range) => Items = items;

    /// <summary>The items in source order.</summary>
    public IReadOnlyList<ConfigItem> Items { get; }

    /// <summary>
    /// The items whose first key is <paramref name="key"/>, in source order (like HCL 1's <c>Filter</c>,
    /// but the keys are left in place: <c>Keys[0]</c> is the matched key).
    /// </summary>
    public IEnumerable<ConfigItem> ItemsNamed(string key)
    {
        foreach (var item in Items)
        {
            if (item.Keys.Count > 0 && item.Keys[0].Value == key) yield return item;
        }
    }
}

/// <summary>A list <c>[a, b, ...]</c> (a JSON array).</summary>
public sealed class ConfigList : ConfigNode
{
    /// <summary>Creates a list node.</summary>
    public ConfigList(IReadOnlyList<ConfigNode> items, SourceRange range) : base(range) => Items = items;

    /// <summary>The elements in source order.</summary>
    public IReadOnlyList<ConfigNode> Items { get; }
}

/// <summary>What kind of scalar a <see cref="ConfigLiteral"/> is.</summary>
public enum ConfigLiteralKind
{
    /// <summary>A quoted string (escapes already processed).</summary>
    String,

    /// <summary>A heredoc string (<c>&lt;&lt;EOF</c>); HCL 1 only.</summary>
    Heredoc,

    /// <summary>A number; <see cref="ConfigLiteral.Text"/> is the source text.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>JSON <c>null</c>.</summary>
    Null,
}

/// <summary>A scalar value. For strings <see cref="Text"/> is the decoded value; otherwise the source text.</summary>
public sealed class ConfigLiteral : ConfigNode
{
    /// <summary>Creates a literal node.</summary>
    public ConfigLiteral(ConfigLiteralKind kind, string text, SourceRange range) : base(range)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>The literal's kind.</summary>
    public ConfigLiteralKind Kind { get; }

    /// <summary>The decoded string, or the number/bool/null source text.</summary>
    public string Text { get; }

    /// <summary>True for <see cref="ConfigLiteralKind.String"/> and <see cref="ConfigLiteralKind.Heredoc"/>.</summary>
    public bool IsString => Kind is ConfigLiteralKind.String or ConfigLiteralKind.Heredoc;
}
