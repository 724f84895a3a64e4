using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// Reads typed arguments out of a body the way HCL 1's decoder does: names match case-insensitively, the
/// last occurrence wins, unknown names are ignored, numbers are accepted where strings are wanted, and
/// failures produce HCL 1-style messages (<c>root.path: unknown type for string *ast.ObjectType</c>).
/// </summary>
internal static class Hcl1Decoding
{
    /// <summary><c>L:C</c> as HCL 1 prints a position.</summary>
    public static string At(SourcePosition p) => p.Line.ToString(CultureInfo.InvariantCulture) + ":" + p.Column.ToString(CultureInfo.InvariantCulture);

    /// <summary>The last single-key item called <paramref name="name"/>, or null.</summary>
    public static ConfigItem? Find(ConfigObject body, string name) =>
        body.Items.LastOrDefault(i => i.Keys.Count >= 1 && string.Equals(i.Keys[0].Value, name, StringComparison.OrdinalIgnoreCase));

    public static bool TryString(ConfigObject body, string name, out string? value, out string error)
    {
        value = null;
        error = "";
        var item = Find(body, name);
        return item is null || TryStringValue(item.Value, "root." + name, out value, out error);
    }

    public static bool TryStringValue(ConfigNode node, string name, out string? value, out string error)
    {
        value = null;
        error = "";
        if (node is ConfigLiteral { Kind: ConfigLiteralKind.String or ConfigLiteralKind.Heredoc or ConfigLiteralKind.Number } literal)
        {
            value = literal.Text;
            return true;
        }
        error = $"{name}: unknown type for string {AstType(node)}";
        return false;
    }

    public static bool TryBool(ConfigObject body, string name, out bool? value, out string error)
    {
        value = null;
        error = "";
        var item = Find(body, name);
        if (item is null) return true;
        if (item.Value is ConfigLiteral { Kind: ConfigLiteralKind.Bool } literal)
        {
            value = literal.Text == "true";
            return true;
        }
        if (item.Value is ConfigLiteral { Kind: ConfigLiteralKind.String } s && (s.Text is "true" or "false" or "1" or "0"))
        {
            value = s.Text is "true" or "1";
            return true;
        }
        error = $"root.{name}: unknown type {AstType(item.Value)}";
        return false;
    }

    public static bool TryInt(ConfigObject body, string name, out int? value, out string error)
    {
        value = null;
        error = "";
        var item = Find(body, name);
        if (item is null) return true;
        if (item.Value is ConfigLiteral { Kind: ConfigLiteralKind.Number or ConfigLiteralKind.String } literal &&
            TryParseGoInt(literal.Text, out var parsed))
        {
            value = parsed;
            return true;
        }
        error = item.Value is ConfigLiteral { Kind: ConfigLiteralKind.Number or ConfigLiteralKind.String } bad
            ? $"root.{name}: cannot parse \"{bad.Text}\" as an integer"
            : $"root.{name}: unknown type {AstType(item.Value)}";
        return false;
    }

    /// <summary>A list of strings; null when absent, empty for <c>[]</c>.</summary>
    public static bool TryStringList(ConfigObject body, string name, out IReadOnlyList<string>? value, out string error)
    {
        value = null;
        error = "";
        var item = Find(body, name);
        if (item is null) return true;
        if (item.Value is not ConfigList list)
        {
            error = $"At {At(item.Value.Range.Start)}: unknown slice type: {AstType(item.Value)}";
            return false;
        }
        var result = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (!TryStringValue(list.Items[i], $"root.{name}[{i}]", out var element, out error)) return false;
            result.Add(element!);
        }
        value = result;
        return true;
    }

    public static string AstType(ConfigNode node) => node switch
    {
        ConfigObject => "*ast.ObjectType",
        ConfigList => "*ast.ListType",
        _ => "*ast.LiteralType",
    };

    private static bool TryParseGoInt(string text, out int value)
    {
        value = 0;
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        var digits = negative || text.StartsWith("+", StringComparison.Ordinal) ? text.Substring(1) : text;
        long parsed;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(digits.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out parsed)) return false;
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            parsed = 0;
            foreach (var c in digits)
            {
                if (c is < '0' or > '7') return false;
                parsed = parsed * 8 + (c - '0');
                if (parsed > int.MaxValue) return false;
            }
        }
        else if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out parsed))
        {
            return false;
        }
        if (negative) parsed = -parsed;
        if (parsed is < int.MinValue or > int.MaxValue) return false;
        value = (int)parsed;
        return true;
    }
}
