using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Legacy;
using TofuMirror.Hcl.ConfigTree;

namespace TofuMirror.Hcl.Json;

/// <summary>
/// Rewrites a tree read from JSON the way HCL 1's JSON reader does, so JSON configuration decodes like
/// its HCL 1 twin: an item whose value is a non-empty object of only objects becomes one item per member
/// (the member's key appended: <c>"oci_credentials": {"example.com": {...}}</c> → block with a label), and an
/// item whose value is a non-empty list of only objects becomes one item per element (repeated blocks).
/// Applied at every level, outer levels first.
/// </summary>
public static class Hcl1JsonFlattener
{
    /// <summary>Returns the flattened copy of <paramref name="root"/>.</summary>
    public static ConfigObject Flatten(ConfigObject root) => FlattenObject(root);

    private static ConfigObject FlattenObject(ConfigObject obj)
    {
        var items = new List<ConfigItem>();
        // As HCL 1 does: expand this level looking at the values as written, then descend into the results.
        foreach (var item in obj.Items) Expand(item.Keys, item, item.Value, items);
        var flattened = items
            .Select(i => new ConfigItem(i.Keys, i.EqualsRange, FlattenValue(i.Value), i.Range))
            .ToArray();
        return new ConfigObject(flattened, obj.Range);
    }

    private static ConfigNode FlattenValue(ConfigNode node) => node switch
    {
        ConfigObject o => FlattenObject(o),
        ConfigList l => new ConfigList(l.Items.Select(FlattenValue).ToArray(), l.Range),
        _ => node,
    };

    private static void Expand(IReadOnlyList<ConfigKey> keys, ConfigItem original, ConfigNode value, List<ConfigItem> into)
    {
        switch (value)
        {
            case ConfigObject o when o.Items.Count > 0 && o.Items.All(i => i.Value is ConfigObject):
                foreach (var sub in o.Items) Expand(keys.Concat(sub.Keys).ToArray(), original, sub.Value, into);
                return;
            case ConfigList l when l.Items.Count > 0 && l.Items.All(i => i is ConfigObject):
                foreach (var element in l.Items) Expand(keys, original, element, into);
                return;
            default:
                into.Add(new ConfigItem(keys, original.EqualsRange, value, keys[0].Range.Through(value.Range)));
                return;
        }
    }
}
