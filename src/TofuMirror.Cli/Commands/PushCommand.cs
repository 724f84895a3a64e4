using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror push</c>: release zips or filesystem-mirror folders into OCI, in the layout OpenTofu's
/// <c>oci_mirror</c> reads (blobs, per-platform manifests, index, version tag), in one action.
/// </summary>
internal static class PushCommand
{
    private const string JsonShape =
        "{\"dryRun\", \"versions\": [{\"provider\", \"version\", \"repository\", \"tag\", \"indexDigest\", \"platforms\": [{\"platform\", " +
        "\"manifestDigest\", \"layerDigest\", \"size\", \"h1\", \"blob\" (uploaded|alreadyexists|mounted|pending)}], \"keptPlatforms\": []}], \"warnings\": []}";

    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Release zips (terraform-provider-TYPE_VERSION_OS_ARCH.zip, with --provider) or filesystem-mirror folders.",
            Arity = ArgumentArity.OneOrMore,
        };
        var provider = new Option<string?>("--provider") { Description = "The provider the zips belong to, e.g. hashicorp/random." };
        var template = CommonOptions.RepositoryTemplate();
        var config = CommonOptions.CliConfigFile();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be pushed; upload nothing." };
        var shaSums = new Option<string?>("--shasums")
        {
            Description = "The author's SHA256SUMS of this provider version (with --signature and --key): checked against the zips before anything is pushed, then attached to the version's index as provenance evidence.",
            HelpName = "FILE",
        };
        var signature = new Option<string?>("--signature") { Description = "The detached OpenPGP signature of --shasums (binary or armored).", HelpName = "FILE" };
        var key = new Option<string?>("--key") { Description = "The author's public key (armored) that made --signature.", HelpName = "FILE" };
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var include = CommonOptions.Includes();
        var json = CommonOptions.Json();
        var noProgress = CommonOptions.NoProgress();
        var command = new DocumentedCommand("push", "Push provider packages into an OCI registry (or oci-layout folder) as OpenTofu's oci_mirror expects.", JsonShape)
        {
            paths, provider, template, config, include, dryRun, shaSums, signature, key, insecure, json, noProgress,
        };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, result.GetValue(paths)!, result.GetValue(provider), result.GetValue(template),
            result.GetValue(config), result.GetValue(include) ?? [], result.GetValue(dryRun), result.GetValue(insecure) ?? [], tls.Read(result, console), result.GetValue(json),
            result.GetValue(noProgress), [result.GetValue(shaSums), result.GetValue(signature), result.GetValue(key)], ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string[] paths, string? providerText, string? template, string? config, string[] include,
        bool dryRun, string[] insecure, RegistryTlsFiles tls, bool json, bool noProgress, string?[] evidenceFiles, CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        if (evidenceFiles.Any(f => f is not null) && evidenceFiles.Any(f => f is null))
        {
            console.Error.WriteLine("error: --shasums, --signature and --key go together: give all three, or none.");
            return ExitCodes.UsageError;
        }
        ProviderAddress? provider = null;
        if (providerText is not null && !ProviderAddress.TryParse(providerText, out provider, out var addressError))
        {
            console.Error.WriteLine($"error: --provider {providerText}: {addressError}");
            return ExitCodes.UsageError;
        }
        if (provider is null && paths.FirstOrDefault(p => System.IO.File.Exists(console.FullPath(p))) is { } zip)
        {
            console.Error.WriteLine($"error: {zip} is a single zip: say which provider it is with --provider (e.g. --provider hashicorp/random).");
            return ExitCodes.UsageError;
        }

        using var mirror = MirrorLoader.Load(console, template, config, insecure, include, tls);
        if (MirrorLoader.IsUnusable(mirror, reporter, out var stores)) return ExitCodes.Failure;

        var warnings = new List<string>();
        PushReport report;
        try
        {
            var packages = PushSourceReader.Read(paths.Select(console.FullPath), provider, warnings);
            var request = new PushRequest(packages, stores) { DryRun = dryRun, Evidence = ReadEvidence(console, evidenceFiles) };
            report = await TransferProgressDisplay.RunAsync(console, ProgressPolicy.ShowsProgress(console, json, noProgress),
                (_, transfers) => new PushJob(transfers: transfers).RunAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (ProviderFailure e)
        {
            reporter.Report(Diagnostic.Error("Push failed", e.Message, null) with { Code = e.Code });
            return ExitCodes.Failure;
        }
        catch (Oci.OciException e)
        {
            reporter.Report(Diagnostic.Error("Push failed", e.Message, null) with { Code = Engine.Restore.OciFailures.CodeOf(e) });
            return ExitCodes.Failure;
        }

        foreach (var warning in warnings) console.Error.WriteLine($"warning: {warning}");
        if (json) WriteJson(console, report, warnings);
        else WriteText(console, report);
        return ExitCodes.Success;
    }

    private static PushEvidenceFiles? ReadEvidence(CliConsole console, string?[] files)
    {
        if (files[0] is null) return null;
        byte[] Read(string path)
        {
            try
            {
                return System.IO.File.ReadAllBytes(console.FullPath(path));
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                throw new ProviderFailure(DiagnosticCodes.FileNotReadable, $"{path} cannot be read: {e.Message}");
            }
        }
        return new PushEvidenceFiles(files[0]!, Read(files[0]!), files[1]!, Read(files[1]!), files[2]!, Read(files[2]!));
    }

    private static void WriteText(CliConsole console, PushReport report)
    {
        var verb = report.DryRun ? "would push" : "pushed";
        foreach (var version in report.Versions)
        {
            console.Error.WriteLine($"{verb} {version.Provider.ForDisplay()} {version.Version} -> {version.Repository}:{version.Tag} ({version.IndexDigest})");
            foreach (var platform in version.Platforms)
            {
                var blob = platform.Blob switch
                {
                    Oci.BlobPushResult.Uploaded => "uploaded",
                    Oci.BlobPushResult.Mounted => "mounted",
                    Oci.BlobPushResult.AlreadyExists => "already there",
                    _ => "to upload",
                };
                console.Error.WriteLine($"  {platform.Platform,-14} {platform.LayerDigest} {ByteSize.Format(platform.Size)}, {blob}, {platform.H1}");
            }
            if (version.KeptPlatforms.Count > 0)
                console.Error.WriteLine($"  kept: {string.Join(", ", version.KeptPlatforms)}");
        }
    }

    private static void WriteJson(CliConsole console, PushReport report, IReadOnlyList<string> warnings) =>
        JsonOutput.Write(console.Out, writer =>
        {
            writer.WriteBoolean("dryRun", report.DryRun);
            writer.WriteStartArray("versions");
            foreach (var version in report.Versions)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", version.Provider.ToString());
                writer.WriteString("version", version.Version.ToString());
                writer.WriteString("repository", version.Repository);
                writer.WriteString("tag", version.Tag);
                writer.WriteString("indexDigest", version.IndexDigest);
                writer.WriteStartArray("platforms");
                foreach (var platform in version.Platforms)
                {
                    writer.WriteStartObject();
                    writer.WriteString("platform", platform.Platform.ToString());
                    writer.WriteString("manifestDigest", platform.ManifestDigest);
                    writer.WriteString("layerDigest", platform.LayerDigest);
                    writer.WriteNumber("size", platform.Size);
                    writer.WriteString("h1", platform.H1.ToString());
                    writer.WriteString("blob", platform.Blob?.ToString().ToLowerInvariant() ?? "pending");
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("keptPlatforms");
                foreach (var kept in version.KeptPlatforms) writer.WriteStringValue(kept.ToString());
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            foreach (var warning in warnings) writer.WriteStringValue(warning);
            writer.WriteEndArray();
        });
}
