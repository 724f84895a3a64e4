using System.Collections.Generic;
using TofuMirror.Cli.Output;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Mirror;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>mirror --json</c> document.</summary>
internal static partial class MirrorCommand
{
    private const string JsonShape =
        "{\"success\", \"dryRun\", \"versions\": [{\"provider\", \"version\"?, \"repository\"?, \"tag\"?, \"indexDigest\"?, \"error\"?, " +
        "\"platforms\": [{\"platform\", \"status\" (fetched|skipped|failed), \"digest\", \"size\", \"signingKeyId\", \"sourceUrl\"}]}], " +
        "\"warnings\": [], \"diagnostics\": [{\"severity\", \"code\"?, \"summary\", \"detail\"?, \"file\"?, \"line\"?, …}]}";

    private static void WriteJson(CliConsole console, MirrorReport report, IReadOnlyList<Diagnostic> diagnostics, DiagnosticReporter reporter) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("success", report.Succeeded);
            writer.WriteBoolean("dryRun", report.DryRun);
            writer.WriteStartArray("versions");
            foreach (var version in report.Versions)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", version.Provider.ToString());
                if (version.Version is { } v) writer.WriteString("version", v.ToString());
                if (version.Repository is { } repository) writer.WriteString("repository", repository);
                if (version.Tag is { } tag) writer.WriteString("tag", tag);
                if (version.IndexDigest is { Length: > 0 } index) writer.WriteString("indexDigest", index);
                if (version.Error is { } error) writer.WriteString("error", error.Code);
                writer.WriteStartArray("platforms");
                foreach (var platform in version.Platforms)
                {
                    writer.WriteStartObject();
                    writer.WriteString("platform", platform.Platform.ToString());
                    writer.WriteString("status", platform.Status switch
                    {
                        MirrorStatus.Fetched => "fetched",
                        MirrorStatus.Skipped => "skipped",
                        _ => "failed",
                    });
                    writer.WriteString("digest", platform.Digest);
                    if (platform.Size is { } size) writer.WriteNumber("size", size);
                    else writer.WriteNull("size");
                    writer.WriteString("signingKeyId", platform.SigningKeyId);
                    writer.WriteString("sourceUrl", platform.SourceUrl);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            foreach (var warning in report.Warnings) writer.WriteStringValue(warning);
            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, diagnostics, reporter.DisplayPath);
        });
}
