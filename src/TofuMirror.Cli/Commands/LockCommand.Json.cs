using System.Linq;
using System.Collections.Generic;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Lock;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>lock --json</c> document (shape in the command's description).</summary>
internal static partial class LockCommand
{
    // With fromOrigin (lock --origin) each platform names the origin, source URL and signer instead of the mirror's repository and manifest.
    private static void WriteJson(CliConsole console, LockReport report, IReadOnlyList<Diagnostic> diagnostics, DiagnosticReporter reporter, bool fromOrigin = false) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("success", report.Succeeded);
            writer.WriteString("lockFile", report.LockFilePath);
            writer.WriteBoolean("written", report.Written);
            writer.WriteStartArray("providers");
            foreach (var provider in report.Providers)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", provider.Provider.ToString());
                writer.WriteString("change", ChangeName(provider.Change));
                if (provider.PreviousVersion is { } previous) writer.WriteString("previousVersion", previous.ToString());
                if (provider.Version is { } version) writer.WriteString("version", version.ToString());
                if (provider.Constraints is { } constraints) writer.WriteString("constraints", constraints);
                writer.WriteBoolean("notRequired", provider.NotRequired);
                writer.WriteStartArray("platforms");
                foreach (var platform in provider.Platforms)
                {
                    writer.WriteStartObject();
                    writer.WriteString("platform", platform.Platform.ToString());
                    writer.WriteString("zh", platform.Zh.ToString());
                    writer.WriteString("h1", platform.H1.ToString());
                    WritePlatformSource(writer, platform, fromOrigin);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                if (provider.SigningKeyId is { } keyId) writer.WriteString("signingKeyId", keyId);
                writer.WriteStartObject("signedZipHashes");
                foreach (var (platform, zh) in provider.SignedZipHashes.OrderBy(s => s.Key)) writer.WriteString(platform.ToString(), zh.ToString());
                writer.WriteEndObject();
                writer.WriteStartArray("addedHashes");
                foreach (var hash in provider.AddedHashes) writer.WriteStringValue(hash.ToString());
                writer.WriteEndArray();
                writer.WriteStartArray("removedHashes");
                foreach (var hash in provider.RemovedHashes) writer.WriteStringValue(hash.ToString());
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, diagnostics, reporter.DisplayPath);
        });

    private static void WritePlatformSource(System.Text.Json.Utf8JsonWriter writer, LockedPlatform platform, bool fromOrigin)
    {
        writer.WriteString("h1Source", platform.H1Source switch
        {
            H1Source.Annotation => "annotation",
            H1Source.AnnotationVerified => "annotation-verified",
            H1Source.OriginReported => "origin-packages",
            _ => "computed",
        });
        if (!fromOrigin)
        {
            writer.WriteString("repository", platform.Repository);
            writer.WriteString("manifestDigest", platform.ManifestDigest);
            return;
        }

        writer.WriteString("origin", platform.Repository);
        if (platform.SourceUrl is { } url) writer.WriteString("sourceUrl", url.ToString());
        if (platform.SignerKeyId is { } keyId) writer.WriteString("signingKeyId", keyId);
        else writer.WriteNull("signingKeyId");
    }

    private static string ChangeName(LockChange change) => change switch
    {
        LockChange.Added => "added",
        LockChange.VersionChanged => "version-changed",
        LockChange.HashesAdded => "hashes-added",
        LockChange.ConstraintsChanged => "constraints-changed",
        LockChange.Unchanged => "unchanged",
        _ => "failed",
    };
}
