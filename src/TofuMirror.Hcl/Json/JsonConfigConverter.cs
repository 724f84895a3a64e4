using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Diagnostics;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Hcl.Json;

/// <summary>
/// Turns JSON values into the neutral configuration tree: objects → <see cref="ConfigObject"/> with one
/// quoted key per member and no <c>=</c>, arrays → <see cref="ConfigList"/>, scalars → <see cref="ConfigLiteral"/>.
/// </summary>
public static class JsonConfigConverter
{
    /// <summary>Converts a parsed document whose top level must be an object.</summary>
    public static ConfigParseResult ToConfig(JsonParseResult parsed, string fileName)
    {
        if (parsed is null) throw new ArgumentNullException(nameof(parsed));
        var emptyRoot = new ConfigObject(Array.Empty<ConfigItem>(), SourceRange.StartOf(fileName));
        if (parsed.Value is null) return new ConfigParseResult(emptyRoot, parsed.Diagnostics);
        if (parsed.Value is not JsonObject obj)
        {
            var diagnostic = Diagnostic.Error(JsonParser.SyntaxErrorSummary,
                "the top-level value of a configuration file must be a JSON object", parsed.Value.Range);
            return new ConfigParseResult(emptyRoot, new[] { diagnostic });
        }
        return new ConfigParseResult(ToObject(obj), parsed.Diagnostics);
    }

    /// <summary>Converts any JSON value.</summary>
    public static ConfigNode ToNode(JsonValue value) => value switch
    {
        JsonObject o => ToObject(o),
        JsonArray a => new ConfigList(a.Items.Select(ToNode).ToArray(), a.Range),
        JsonString s => new ConfigLiteral(ConfigLiteralKind.String, s.Value, s.Range),
        JsonNumber n => new ConfigLiteral(ConfigLiteralKind.Number, n.Text, n.Range),
        JsonBool b => new ConfigLiteral(ConfigLiteralKind.Bool, b.Value ? "true" : "false", b.Range),
        JsonNull z => new ConfigLiteral(ConfigLiteralKind.Null, "null", z.Range),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static ConfigObject ToObject(JsonObject obj)
    {
        var items = new List<ConfigItem>(obj.Members.Count);
        foreach (var member in obj.Members)
        {
            var value = ToNode(member.Value);
            var key = new ConfigKey(member.Name, quoted: true, member.NameRange);
            items.Add(new ConfigItem(new[] { key }, null, value, member.NameRange.Through(value.Range)));
        }
        return new ConfigObject(items, obj.Range);
    }
}
