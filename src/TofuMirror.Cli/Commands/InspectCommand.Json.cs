using System.Collections.Generic;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Inspect;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>inspect --json</c> document (shape in the command's description).</summary>
internal static partial class InspectCommand
{
    private static void WriteJson(CliConsole console, InspectReport report, IReadOnlyList<Diagnostic> diagnostics, DiagnosticReporter reporter) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("success", report.Succeeded);
            writer.WriteString("provider", report.Provider.ToString());
            writer.WriteStartArray("repositories");
            foreach (var repository in report.Repositories)
            {
                writer.WriteStartObject();
                writer.WriteString("repository", repository.Name);
                writer.WriteBoolean("found", repository.Found);
                if (repository.Problem is { } problem) writer.WriteString("problem", problem);
                writer.WriteStartArray("versions");
                foreach (var version in repository.Versions) WriteVersion(writer, version);
                writer.WriteEndArray();
                writer.WriteStartArray("ignoredTags");
                foreach (var ignored in repository.IgnoredTags)
                {
                    writer.WriteStartObject();
                    writer.WriteString("tag", ignored.Tag);
                    writer.WriteString("reason", ignored.Reason);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, diagnostics, reporter.DisplayPath);
        });

    private static void WriteVersion(System.Text.Json.Utf8JsonWriter writer, InspectedVersion version)
    {
        writer.WriteStartObject();
        writer.WriteString("version", version.Version.ToString());
        writer.WriteString("tag", version.Tag);
        if (version.IndexDigest is { } index) writer.WriteString("indexDigest", index);
        if (version.Problem is { } problem) writer.WriteString("problem", problem);
        writer.WriteStartArray("platforms");
        foreach (var platform in version.Platforms)
        {
            writer.WriteStartObject();
            writer.WriteString("platform", platform.Platform);
            if (platform.ManifestDigest is { } manifest)
            {
                writer.WriteString("manifestDigest", manifest);
                writer.WriteNumber("manifestSize", platform.ManifestSize);
            }
            if (platform.LayerDigest is { } layer)
            {
                writer.WriteString("layerDigest", layer);
                writer.WriteNumber("size", platform.LayerSize);
            }
            if (platform.Zh is { } zh) writer.WriteString("zh", zh.ToString());
            if (platform.H1 is { } h1) writer.WriteString("h1", h1.ToString());
            if (platform.Problem is { } platformProblem) writer.WriteString("problem", platformProblem);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("evidence");
        foreach (var evidence in version.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("artifactDigest", evidence.ArtifactDigest);
            writer.WriteStartArray("claimedKeyIds");
            foreach (var keyId in evidence.ClaimedKeyIds) writer.WriteStringValue(keyId);
            writer.WriteEndArray();
            if (evidence.ClaimedOriginUrl is { } origin) writer.WriteString("claimedOriginUrl", origin);
            if (evidence.ClaimedVerifiedAt is { } at) writer.WriteString("claimedVerifiedAt", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (version.EvidenceProblem is { } evidenceProblem) writer.WriteString("evidenceProblem", evidenceProblem);
        writer.WriteEndObject();
    }
}
