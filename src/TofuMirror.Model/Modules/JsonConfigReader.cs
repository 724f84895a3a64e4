using System.Collections.Generic;
using System.Linq;
using TofuMirror.Hcl.Json;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Model.Modules;

/// <summary>
/// The JSON configuration syntax (<c>.tf.json</c>): the same requirements as the native reader, where a block
/// is an object (or an array of objects when repeated) keyed by its labels.
/// </summary>
internal static class JsonConfigReader
{
    public static void Read(SourceFile file, RequirementCollector collector)
    {
        var parsed = JsonParser.Parse(file.Text, file.Path);
        collector.Diagnostics.AddRange(parsed.Diagnostics.Select(d => d with { Code = DiagnosticCodes.SyntaxError }));
        if (parsed.Value is not JsonObject root) return;

        foreach (var member in root.Members)
        {
            switch (member.Name)
            {
                case "terraform":
                    foreach (var terraform in Objects(member.Value))
                        foreach (var required in terraform.Members.Where(m => m.Name == "required_providers").SelectMany(m => Objects(m.Value)))
                            foreach (var entry in required.Members)
                                ReadEntry(entry, collector);
                    break;
                case "provider":
                    foreach (var providers in Objects(member.Value))
                        foreach (var provider in providers.Members)
                            foreach (var configuration in Objects(provider.Value).Cast<JsonObject?>().DefaultIfEmpty())
                                collector.ConfigureProvider(provider.Name, configuration is null ? null : StringMember(configuration, "alias"), provider.NameRange);
                    break;
                case "resource" or "data":
                    foreach (var types in Objects(member.Value))
                        foreach (var type in types.Members)
                            foreach (var resource in Objects(type.Value).SelectMany(o => o.Members))
                                collector.DeclareResource(member.Name, type.Name, resource.Name,
                                    Objects(resource.Value).Select(body => StringMember(body, "provider")).FirstOrDefault(p => p is not null)?.Split('.')[0],
                                    type.NameRange);
                    break;
                case "module":
                    foreach (var modules in Objects(member.Value))
                        foreach (var call in modules.Members)
                            foreach (var body in Objects(call.Value))
                                collector.CallModule(call.Name, StringMember(body, "source"), body.TryGetValue("source", out _), call.NameRange);
                    break;
            }
        }
    }

    private static void ReadEntry(JsonMember entry, RequirementCollector collector)
    {
        switch (entry.Value)
        {
            case JsonString legacy:
                collector.Declare(entry.Name, null, null, legacy.Value, legacy.Range, entry.NameRange);
                break;
            case JsonObject obj:
                string? source = null, version = null;
                TofuMirror.Diagnostics.SourceRange? sourceRange = null, versionRange = null;
                foreach (var attribute in obj.Members)
                {
                    switch (attribute.Name)
                    {
                        case "source" when attribute.Value is JsonString s: source = s.Value; sourceRange = s.Range; break;
                        case "version" when attribute.Value is JsonString v: version = v.Value; versionRange = v.Range; break;
                        case "configuration_aliases": break;
                        default:
                            collector.Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid required_providers object",
                                $"\"{attribute.Name}\" must be a string \"source\" or \"version\", or \"configuration_aliases\".", attribute.NameRange);
                            break;
                    }
                }
                collector.Declare(entry.Name, source, sourceRange, version, versionRange, entry.NameRange);
                break;
            default:
                collector.Error(DiagnosticCodes.InvalidRequiredProvider, "Invalid required_providers entry",
                    "A required provider must be an object with \"source\" and \"version\", or a version constraint string.", entry.Value.Range);
                break;
        }
    }

    /// <summary>A block in JSON is an object, or an array of objects when it is repeated.</summary>
    private static IEnumerable<JsonObject> Objects(JsonValue value) => value switch
    {
        JsonObject obj => [obj],
        JsonArray array => array.Items.OfType<JsonObject>(),
        _ => [],
    };

    private static string? StringMember(JsonObject obj, string name) =>
        obj.TryGetValue(name, out var value) && value is JsonString { Value: var text } ? text : null;
}
