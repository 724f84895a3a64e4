using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Hcl.Syntax;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Locks;

/// <summary>
/// Reads <c>.terraform.lock.hcl</c> with OpenTofu's rules: only <c>provider</c> (and ignored <c>module</c>)
/// blocks, normalized addresses, canonical versions, normalized constraints, non-empty hash lists.
/// A block with a problem is reported and left out; the rest of the file is still read.
/// </summary>
public static class LockFileReader
{
    public static LockFileReadResult Read(string text, string fileName)
    {
        var parsed = HclParser.ParseFile(text, fileName);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics.Select(d => d with { Code = DiagnosticCodes.SyntaxError }));
        var locks = new List<ProviderLock>();
        var seen = new Dictionary<ProviderAddress, Block>();
        var moduleWarningGiven = false;

        foreach (var item in parsed.Value.Body.Items)
        {
            switch (item)
            {
                case HclAttribute attribute:
                    diagnostics.Add(Error("Unsupported argument",
                        $"An argument named \"{attribute.Name}\" is not expected here.", attribute.NameRange));
                    break;
                case Block { Type: "provider" } block:
                    if (ReadProvider(block, seen, diagnostics) is { } providerLock) locks.Add(providerLock);
                    break;
                case Block { Type: "module" } block:
                    if (!moduleWarningGiven)
                    {
                        diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, "Dependency locks for modules are not yet supported",
                            "This lock file has a module block; module versions are not locked, so it is ignored.", block.TypeRange)
                        { Code = DiagnosticCodes.InvalidLockFile });
                        moduleWarningGiven = true;
                    }
                    break;
                case Block block:
                    diagnostics.Add(Error("Unsupported block type",
                        $"Blocks of type \"{block.Type}\" are not expected here; a lock file holds only provider blocks.", block.TypeRange));
                    break;
            }
        }
        return new LockFileReadResult(new LockFile(locks), diagnostics);
    }

    private static ProviderLock? ReadProvider(Block block, Dictionary<ProviderAddress, Block> seen, List<Diagnostic> diagnostics)
    {
        if (block.Labels.Count != 1)
        {
            diagnostics.Add(Error("Invalid provider block",
                "A provider block in a lock file needs exactly one label: the provider source address, like \"registry.opentofu.org/hashicorp/aws\".",
                block.Labels.Count > 1 ? block.Labels[1].Range : block.TypeRange));
            return null;
        }
        var label = block.Labels[0];
        if (ReadAddress(label, diagnostics) is not { } address) return null;

        if (seen.TryGetValue(address, out var previous))
        {
            diagnostics.Add(Error("Duplicate provider lock",
                $"This lock file already declared a lock for provider {address} at {previous.Labels[0].Range}.", label.Range));
            return null;
        }
        seen.Add(address, block);

        var errorsBefore = diagnostics.Count;
        var attributes = new Dictionary<string, HclAttribute>();
        foreach (var item in block.Body.Items)
        {
            switch (item)
            {
                case HclAttribute { Name: "version" or "constraints" or "hashes" } attribute:
                    attributes[attribute.Name] = attribute;
                    break;
                case HclAttribute attribute:
                    diagnostics.Add(Error("Unsupported argument",
                        $"An argument named \"{attribute.Name}\" is not expected here; a provider lock has version, constraints and hashes.",
                        attribute.NameRange));
                    break;
                case Block nested:
                    diagnostics.Add(Error("Unsupported block type",
                        $"Blocks of type \"{nested.Type}\" are not expected here.", nested.TypeRange));
                    break;
            }
        }

        var version = ReadVersion(block, attributes, diagnostics);
        var constraints = ReadConstraints(attributes, diagnostics);
        var hashes = ReadHashes(attributes, diagnostics);
        if (version is null || diagnostics.Count > errorsBefore) return null;

        return new ProviderLock(address, version, constraints, hashes) { Range = block.Range };
    }

    private static ProviderAddress? ReadAddress(BlockLabel label, List<Diagnostic> diagnostics)
    {
        if (!ProviderAddress.TryParse(label.Value, out var address, out var error))
        {
            diagnostics.Add(MalformedAddressOrConstraint("Invalid provider source address",
                $"Cannot parse \"{label.Value}\" as a provider source address: {error}", label.Range));
            return null;
        }
        if (address.IsBuiltIn || address.IsLegacy)
        {
            var kind = address.IsBuiltIn ? "built-in" : "legacy";
            diagnostics.Add(MalformedAddressOrConstraint("Invalid provider source address",
                $"Cannot lock a version for the {kind} provider {address}: such providers are not versioned independently. Remove this block.",
                label.Range));
            return null;
        }
        var canonical = address.ToString();
        if (label.Value != canonical)
        {
            diagnostics.Add(MalformedAddressOrConstraint("Non-normalized provider source address",
                $"The provider source address for a provider lock must be written in normalized form; use \"{canonical}\".",
                label.Range));
            return null;
        }
        return address;
    }

    private static ProviderVersion? ReadVersion(Block block, Dictionary<string, HclAttribute> attributes, List<Diagnostic> diagnostics)
    {
        if (!attributes.TryGetValue("version", out var attribute))
        {
            diagnostics.Add(Error("Missing required argument",
                "The argument \"version\" is required, but no definition was found. Add version = \"MAJOR.MINOR.PATCH\".",
                block.OpenBraceRange, block.Range));
            return null;
        }
        var value = Evaluate(attribute, diagnostics);
        if (value is null) return null;
        if (value.Kind == HclValueKind.Null)
        {
            diagnostics.Add(Error("Missing required argument",
                "The argument \"version\" is required, but it is null. Set it to the locked version, like \"1.2.3\".",
                attribute.Expression.Range));
            return null;
        }
        if (!TryGetString(value, attribute, "version", diagnostics, out var text)) return null;

        if (!ProviderVersion.TryParse(text, out var version, out var error))
        {
            diagnostics.Add(Error("Invalid provider version number",
                $"The selected version number \"{text}\" is not valid: {error}", attribute.Expression.Range));
            return null;
        }
        if (!ProviderVersion.IsCanonical(text))
        {
            diagnostics.Add(Error("Invalid provider version number",
                $"The selected version number must be written in normalized form: \"{version}\".", attribute.Expression.Range));
            return null;
        }
        return version;
    }

    private static VersionConstraints? ReadConstraints(Dictionary<string, HclAttribute> attributes, List<Diagnostic> diagnostics)
    {
        if (!attributes.TryGetValue("constraints", out var attribute)) return null;
        var value = Evaluate(attribute, diagnostics);
        if (value is null || value.Kind == HclValueKind.Null) return null;
        if (!TryGetString(value, attribute, "constraints", diagnostics, out var text)) return null;

        if (!VersionConstraints.TryParse(text, out var constraints, out var error))
        {
            diagnostics.Add(MalformedAddressOrConstraint("Invalid provider version constraints",
                $"The recorded version constraints \"{text}\" are not valid: {error}", attribute.Expression.Range));
            return null;
        }
        var normalized = constraints.ToNormalizedString();
        if (normalized != text)
        {
            diagnostics.Add(MalformedAddressOrConstraint("Invalid provider version constraints",
                $"The recorded version constraints must be written in normalized form: \"{normalized}\".", attribute.Expression.Range));
            return null;
        }
        return constraints;
    }

    private static IReadOnlyList<PackageHash> ReadHashes(Dictionary<string, HclAttribute> attributes, List<Diagnostic> diagnostics)
    {
        if (!attributes.TryGetValue("hashes", out var attribute)) return System.Array.Empty<PackageHash>();
        var value = Evaluate(attribute, diagnostics);
        if (value is null || value.Kind == HclValueKind.Null) return System.Array.Empty<PackageHash>();

        if (value.Kind != HclValueKind.Tuple || value.Items.Count == 0 || value.Items.Any(i => i.Kind != HclValueKind.String))
        {
            diagnostics.Add(Error("Invalid provider hash set",
                "The \"hashes\" argument must be a non-empty list of hash strings, like [\"h1:…\", \"zh:…\"]. Remove it if there are none.",
                attribute.Expression.Range));
            return System.Array.Empty<PackageHash>();
        }

        var hashes = new List<PackageHash>();
        var itemRanges = (attribute.Expression as TupleConsExpression)?.Items;
        for (var i = 0; i < value.Items.Count; i++)
        {
            var text = value.Items[i].AsString();
            if (PackageHash.TryParse(text, out var hash, out _)) { hashes.Add(hash); continue; }
            var range = itemRanges is { } items && i < items.Count ? items[i].Range : attribute.Expression.Range;
            diagnostics.Add(Error("Invalid provider hash string",
                $"Cannot interpret \"{text}\" as a provider hash: it must be a scheme and a value separated by a colon, like \"h1:…\".",
                range));
        }
        return hashes;
    }

    /// <summary>The attribute's value; null after a problem, and (silently) for a value the syntax error already reported left unknown.</summary>
    private static HclValue? Evaluate(HclAttribute attribute, List<Diagnostic> diagnostics)
    {
        var result = HclEvaluator.Evaluate(attribute.Expression, null);
        if (result.Diagnostics.Count == 0) return result.Value.IsKnown ? result.Value : null;
        diagnostics.AddRange(result.Diagnostics.Select(d => d with { Code = DiagnosticCodes.InvalidLockFile }));
        return null;
    }

    private static bool TryGetString(HclValue value, HclAttribute attribute, string name, List<Diagnostic> diagnostics, out string text)
    {
        if (value.Kind == HclValueKind.String) { text = value.AsString(); return true; }
        diagnostics.Add(Error("Incorrect attribute value type",
            $"Inappropriate value for attribute \"{name}\": string required.", attribute.Expression.Range));
        text = "";
        return false;
    }

    private static Diagnostic Error(string summary, string detail, SourceRange subject, SourceRange? context = null) =>
        Diagnostic.Error(summary, detail, subject, context) with { Code = DiagnosticCodes.InvalidLockFile };

    /// <summary>An invalid lock file to the CLI, but the condition of an invalid <c>required_providers</c> entry (the source generator's TOFU1005).</summary>
    private static Diagnostic MalformedAddressOrConstraint(string summary, string detail, SourceRange subject) =>
        Error(summary, detail, subject) with { ConditionCode = DiagnosticCodes.InvalidRequiredProvider };
}
