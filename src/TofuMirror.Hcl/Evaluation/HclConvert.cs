namespace TofuMirror.Hcl.Evaluation;

/// <summary>cty's safe conversions between primitive types.</summary>
public static class HclConvert
{
    /// <summary>Strings stay, numbers print in plain decimal, bools as true/false; null and collections fail.</summary>
    public static bool TryToString(HclValue value, out string result)
    {
        switch (value.Kind)
        {
            case HclValueKind.String: result = value.AsString(); return true;
            case HclValueKind.Number: result = value.AsNumber().ToString(); return true;
            case HclValueKind.Bool: result = value.AsBool() ? "true" : "false"; return true;
            default: result = ""; return false;
        }
    }

    /// <summary>Numbers stay; strings holding a decimal number convert.</summary>
    public static bool TryToNumber(HclValue value, out HclNumber result)
    {
        switch (value.Kind)
        {
            case HclValueKind.Number: result = value.AsNumber(); return true;
            case HclValueKind.String: return HclNumber.TryParse(value.AsString(), out result);
            default: result = default; return false;
        }
    }

    /// <summary>Bools stay; the strings "true" and "false" convert.</summary>
    public static bool TryToBool(HclValue value, out bool result)
    {
        result = false;
        switch (value.Kind)
        {
            case HclValueKind.Bool: result = value.AsBool(); return true;
            case HclValueKind.String when value.AsString() == "true": result = true; return true;
            case HclValueKind.String when value.AsString() == "false": return true;
            default: return false;
        }
    }

    /// <summary>Whether an unknown of <paramref name="type"/> could convert to <paramref name="target"/>.</summary>
    internal static bool MayConvert(HclType type, HclTypeKind target) =>
        type.Kind == HclTypeKind.Dynamic || type.Kind == target
        || (type.Kind is HclTypeKind.String or HclTypeKind.Number or HclTypeKind.Bool
            && target is HclTypeKind.String or HclTypeKind.Number or HclTypeKind.Bool
            && !(type.Kind == HclTypeKind.Bool && target == HclTypeKind.Number)
            && !(type.Kind == HclTypeKind.Number && target == HclTypeKind.Bool));
}
