using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.ConfigTree;

/// <summary>
/// One item of a <see cref="ConfigObject"/>: <c>key = value</c> (then <see cref="EqualsRange"/> is set) or
/// <c>key [key...] { ... }</c> (a block; extra keys are its labels). JSON members are items without
/// <see cref="EqualsRange"/>, as HCL 1's JSON reader produces them.
/// </summary>
public sealed class ConfigItem
{
    /// <summary>Creates an item.</summary>
    public ConfigItem(IReadOnlyList<ConfigKey> keys, SourceRange? equalsRange, ConfigNode value, SourceRange range)
    {
        Keys = keys;
        EqualsRange = equalsRange;
        Value = value;
        Range = range;
    }

    /// <summary>The keys: at least one; more than one only for blocks (or flattened JSON).</summary>
    public IReadOnlyList<ConfigKey> Keys { get; }

    /// <summary>The range of <c>=</c> when the item was written as an assignment (HCL 1 only).</summary>
    public SourceRange? EqualsRange { get; }

    /// <summary>The value: an object for blocks.</summary>
    public ConfigNode Value { get; }

    /// <summary>From the first key to the end of the value.</summary>
    public SourceRange Range { get; }

    /// <summary>The first key's range start, which HCL 1 reports as the item's position.</summary>
    public SourcePosition Position => Keys.Count > 0 ? Keys[0].Range.Start : Range.Start;
}

/// <summary>A key of a <see cref="ConfigItem"/>: an identifier or a quoted string (decoded).</summary>
public sealed class ConfigKey
{
    /// <summary>Creates a key.</summary>
    public ConfigKey(string value, bool quoted, SourceRange range)
    {
        Value = value;
        Quoted = quoted;
        Range = range;
    }

    /// <summary>The key text (unescaped when quoted).</summary>
    public string Value { get; }

    /// <summary>True when written as a quoted string.</summary>
    public bool Quoted { get; }

    /// <summary>Where the key is.</summary>
    public SourceRange Range { get; }
}

/// <summary>The result of parsing a configuration file into the neutral tree.</summary>
public sealed class ConfigParseResult
{
    /// <summary>Creates a result.</summary>
    public ConfigParseResult(ConfigObject root, IReadOnlyList<Diagnostic> diagnostics)
    {
        Root = root;
        Diagnostics = diagnostics;
    }

    /// <summary>The root object; never null (empty or partial on errors).</summary>
    public ConfigObject Root { get; }

    /// <summary>Problems found while parsing.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
            {
                if (d.Severity == DiagnosticSeverity.Error) return true;
            }
            return false;
        }
    }
}
