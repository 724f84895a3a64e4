using System.Collections.Generic;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Restore;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>restore --json</c> document (documented in docs/cli.md).</summary>
internal static class RestoreJsonWriter
{
    public const string Shape =
        "{\"success\", \"output\", \"cliConfigFile\"?, \"packages\": [{\"provider\", \"version\", \"platform\", \"status\" (installed|up-to-date|failed), " +
        "\"path\"?, \"repository\"?, \"indexDigest\"?, \"manifestDigest\"?, \"h1\"?, \"zh\"?, \"size\"?, \"signingKeyId\"? (null when not verified signed), \"downloaded\"?}], \"diagnostics\": [...]}";

    public static void Write(CliConsole console, RestoreReport report, IReadOnlyList<Diagnostic> diagnostics, DiagnosticReporter reporter) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("success", report.Succeeded);
            writer.WriteString("output", report.OutputDirectory);
            if (report.CliConfigPath is { } rc) writer.WriteString("cliConfigFile", rc);
            writer.WriteStartArray("packages");
            foreach (var item in report.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", item.Provider.ToString());
                writer.WriteString("version", item.Version.ToString());
                writer.WriteString("platform", item.Platform.ToString());
                writer.WriteString("status", item.Status switch
                {
                    RestoreStatus.Installed => "installed",
                    RestoreStatus.UpToDate => "up-to-date",
                    _ => "failed",
                });
                if (item.InstalledPath is { } path && item.Status != RestoreStatus.Failed) writer.WriteString("path", path);
                if (item.Stamp is { } stamp)
                {
                    writer.WriteString("repository", stamp.Repository);
                    writer.WriteString("indexDigest", stamp.IndexDigest);
                    writer.WriteString("manifestDigest", stamp.ManifestDigest);
                    writer.WriteString("h1", stamp.H1);
                    writer.WriteString("zh", stamp.Zh);
                    writer.WriteNumber("size", stamp.Size);
                    writer.WriteString("signingKeyId", stamp.SigningKeyId);
                }
                if (item.Status == RestoreStatus.Installed) writer.WriteBoolean("downloaded", item.Downloaded);
                if (item.Offline) writer.WriteBoolean("offline", true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, diagnostics, reporter.DisplayPath);
        });
}
