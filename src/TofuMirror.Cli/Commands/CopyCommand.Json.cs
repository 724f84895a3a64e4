using System.Collections.Generic;
using TofuMirror.Cli.Output;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Copy;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>copy --json</c> document (shape in the command's description).</summary>
internal static partial class CopyCommand
{
    private static void WriteJson(CliConsole console, CopyReport report, IReadOnlyList<Diagnostic> diagnostics, DiagnosticReporter reporter) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("success", report.Succeeded && !System.Linq.Enumerable.Any(diagnostics, d => d.Severity == DiagnosticSeverity.Error));
            writer.WriteBoolean("dryRun", report.DryRun);
            writer.WriteStartArray("versions");
            foreach (var version in report.Versions)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", version.Provider.ToString());
                writer.WriteString("version", version.Version.ToString());
                writer.WriteString("source", version.Source);
                writer.WriteString("target", version.Target);
                writer.WriteString("sourceIndexDigest", version.SourceIndexDigest);
                writer.WriteString("targetIndexDigest", version.TargetIndexDigest);
                writer.WriteBoolean("alreadyTagged", version.AlreadyTagged);
                writer.WriteStartArray("platforms");
                foreach (var platform in version.Platforms) writer.WriteStringValue(platform);
                writer.WriteEndArray();
                writer.WriteStartArray("droppedPlatforms");
                foreach (var platform in version.DroppedPlatforms) writer.WriteStringValue(platform);
                writer.WriteEndArray();
                writer.WriteNumber("blobsCopied", version.BlobsCopied);
                writer.WriteNumber("bytesCopied", version.BytesCopied);
                writer.WriteNumber("blobsPresent", version.BlobsPresent);
                writer.WriteNumber("manifestsCopied", version.ManifestsCopied);
                writer.WriteNumber("evidenceCopied", version.EvidenceCopied);
                writer.WriteNumber("evidencePresent", version.EvidencePresent);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, diagnostics, reporter.DisplayPath);
        });
}
