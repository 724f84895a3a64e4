using System.Collections.Generic;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Verify;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary>The <c>verify --json</c> document (shape in the command's description).</summary>
internal static partial class VerifyCommand
{
    private static void WriteJson(CliConsole console, VerifyReport report, IReadOnlyList<Diagnostic> diagnostics, DiagnosticReporter reporter) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("success", report.Succeeded);
            writer.WriteString("lockFile", report.LockFilePath);
            writer.WriteString("output", report.OutputDirectory);
            writer.WriteStartArray("packages");
            foreach (var package in report.Packages)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", package.Provider.ToString());
                writer.WriteString("version", package.Version.ToString());
                writer.WriteString("platform", package.Platform.ToString());
                writer.WriteString("status", StatusName(package.Status));
                if (package.Layout is { } layout) writer.WriteString("layout", layout);
                if (package.Path is { } path) writer.WriteString("path", path);
                writer.WriteStartArray("hashes");
                foreach (var hash in package.Hashes) writer.WriteStringValue(hash.ToString());
                writer.WriteEndArray();
                writer.WriteString("stamp", package.StampStatus);
                if (package.Problem is { } problem) writer.WriteString("problem", problem);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("mirror");
            foreach (var check in report.MirrorChecks)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", check.Provider.ToString());
                writer.WriteString("version", check.Version.ToString());
                writer.WriteString("platform", check.Platform.ToString());
                writer.WriteBoolean("ok", check.Ok);
                if (check.Zh is { } zh) writer.WriteString("zh", zh.ToString());
                if (check.Problem is { } problem) writer.WriteString("problem", problem);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("signatures");
            foreach (var check in report.SignatureChecks)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", check.Provider.ToString());
                writer.WriteString("version", check.Version.ToString());
                writer.WriteBoolean("ok", check.Ok);
                if (check.SigningKeyId is { } keyId) writer.WriteString("signingKeyId", keyId);
                if (check.Problem is { } problem) writer.WriteString("problem", problem);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            JsonOutput.WriteDiagnostics(writer, diagnostics, reporter.DisplayPath);
        });
}
