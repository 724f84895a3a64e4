using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Json;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// A Docker/Podman-style auth file (<c>config.json</c>, <c>auth.json</c>, <c>.dockercfg</c>): the
/// <c>auths</c>, <c>credHelpers</c> and <c>credsStore</c> properties, read as OpenTofu reads them
/// (Go JSON rules: property names match case-insensitively, the last duplicate wins, <c>auth</c> is base64).
/// </summary>
public sealed class DockerAuthFile
{
    private DockerAuthFile(string path, IReadOnlyList<DockerAuthEntry> auths, IReadOnlyDictionary<string, string> credHelpers, string? credsStore)
    {
        Path = path;
        Auths = auths;
        CredHelpers = credHelpers;
        CredsStore = credsStore;
    }

    /// <summary>Where the file was read from.</summary>
    public string Path { get; }

    /// <summary>The <c>auths</c> entries with a non-empty decoded <c>auth</c>, in file order.</summary>
    public IReadOnlyList<DockerAuthEntry> Auths { get; }

    /// <summary><c>credHelpers</c>: registry → helper name.</summary>
    public IReadOnlyDictionary<string, string> CredHelpers { get; }

    /// <summary><c>credsStore</c>: the global helper, or null.</summary>
    public string? CredsStore { get; }

    /// <summary>Parses the file; false with an error such as <c>invalid JSON syntax: …</c>.</summary>
    public static bool TryParse(string text, string path, out DockerAuthFile file, out string error)
    {
        file = null!;
        var parsed = JsonParser.Parse(text, path);
        if (parsed.Value is null)
        {
            var d = parsed.Diagnostics[0];
            error = $"invalid JSON syntax: {d.Detail} at {d.Subject?.Start}";
            return false;
        }
        if (parsed.Value is JsonNull)
        {
            file = new DockerAuthFile(path, Array.Empty<DockerAuthEntry>(), new Dictionary<string, string>(), null);
            error = "";
            return true;
        }
        if (parsed.Value is not JsonObject root)
        {
            error = $"invalid JSON syntax: cannot unmarshal {Describe(parsed.Value)} into the configuration object";
            return false;
        }

        var auths = new List<DockerAuthEntry>();
        var helpers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? store = null;
        if (Property(root, "auths") is { } authsValue && authsValue is not JsonNull)
        {
            if (authsValue is not JsonObject authsObject)
            {
                error = $"invalid JSON syntax: cannot unmarshal {Describe(authsValue)} into field auths";
                return false;
            }
            var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var member in authsObject.Members)
            {
                if (member.Value is JsonNull)
                {
                    Remove(auths, byKey, member.Name);
                    continue;
                }
                if (member.Value is not JsonObject authObject)
                {
                    error = $"invalid JSON syntax: cannot unmarshal {Describe(member.Value)} into field auths of type object";
                    return false;
                }
                byte[]? decoded = null;
                if (Property(authObject, "auth") is { } authValue && authValue is not JsonNull)
                {
                    if (authValue is not JsonString authString)
                    {
                        error = $"invalid JSON syntax: cannot unmarshal {Describe(authValue)} into field auth of type []uint8";
                        return false;
                    }
                    try
                    {
                        decoded = Convert.FromBase64String(authString.Value);
                    }
                    catch (FormatException)
                    {
                        error = "invalid JSON syntax: illegal base64 data in field auth";
                        return false;
                    }
                }
                Remove(auths, byKey, member.Name);
                if (decoded is null || decoded.Length == 0) continue;
                byKey[member.Name] = auths.Count;
                auths.Add(new DockerAuthEntry(member.Name, System.Text.Encoding.UTF8.GetString(decoded)));
            }
        }
        if (Property(root, "credHelpers") is { } helpersValue && helpersValue is not JsonNull)
        {
            if (helpersValue is not JsonObject helpersObject)
            {
                error = $"invalid JSON syntax: cannot unmarshal {Describe(helpersValue)} into field credHelpers";
                return false;
            }
            foreach (var member in helpersObject.Members)
            {
                if (member.Value is JsonNull) continue;
                if (member.Value is not JsonString s)
                {
                    error = $"invalid JSON syntax: cannot unmarshal {Describe(member.Value)} into field credHelpers of type string";
                    return false;
                }
                helpers[member.Name] = s.Value;
            }
        }
        if (Property(root, "credsStore") is { } storeValue && storeValue is not JsonNull)
        {
            if (storeValue is not JsonString s)
            {
                error = $"invalid JSON syntax: cannot unmarshal {Describe(storeValue)} into field credsStore of type string";
                return false;
            }
            store = s.Value.Length == 0 ? null : s.Value;
        }
        file = new DockerAuthFile(path, auths, helpers, store);
        error = "";
        return true;
    }

    private static void Remove(List<DockerAuthEntry> auths, Dictionary<string, int> byKey, string key)
    {
        if (!byKey.TryGetValue(key, out var index)) return;
        auths.RemoveAt(index);
        byKey.Remove(key);
        foreach (var k in byKey.Keys.ToList())
        {
            if (byKey[k] > index) byKey[k]--;
        }
    }

    /// <summary>The value of a property, matching the name exactly first, then case-insensitively (last wins).</summary>
    private static JsonValue? Property(JsonObject obj, string name)
    {
        if (obj.TryGetValue(name, out var exact)) return exact;
        return obj.Members.LastOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    private static string Describe(JsonValue value) => value.Kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Bool => "bool",
        _ => "object",
    };
}

/// <summary>An <c>auths</c> entry: its key and the decoded <c>auth</c> text (<c>username:password</c>).</summary>
public sealed class DockerAuthEntry
{
    internal DockerAuthEntry(string key, string decodedAuth)
    {
        Key = key;
        DecodedAuth = decodedAuth;
    }

    /// <summary>The property name: <c>host</c>, <c>host:port</c> or <c>host/path</c>.</summary>
    public string Key { get; }

    /// <summary>The decoded <c>auth</c> value.</summary>
    public string DecodedAuth { get; }

    /// <summary>Never prints secrets.</summary>
    public override string ToString() => $"auths[\"{Key}\"]";
}
