using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Inspect;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary><c>tofu-mirror inspect ADDR</c>: what the OCI mirror holds for one provider, read as OpenTofu reads it.</summary>
internal static partial class InspectCommand
{
    private const string Summary = "Show what the OCI mirror holds for a provider: versions, platforms, digests, sizes, hashes.";

    private const string Details =
        "Versions are listed ascending, each with its platforms, manifest and layer digests, sizes and h1 annotation, and the provenance " +
        "evidence attached to its index (key IDs and origin as the evidence claims them: inspect checks the format, not the signature); tags that are not " +
        "versions are listed as ignored, with why; an invalid artifact is reported on its version or platform. Exit 1 when the provider " +
        "is not in the mirror or an artifact is invalid.";

    private const string JsonShape =
        "{\"success\", \"provider\", \"repositories\": [{\"repository\", \"found\", \"problem\"?, \"versions\": [{\"version\", \"tag\", " +
        "\"indexDigest\"?, \"problem\"?, \"platforms\": [{\"platform\", \"manifestDigest\"?, \"manifestSize\"?, \"layerDigest\"?, \"size\"?, \"zh\"?, " +
        "\"h1\"?, \"problem\"?}], \"evidence\": [{\"artifactDigest\", \"claimedKeyIds\", \"claimedOriginUrl\", \"claimedVerifiedAt\"}], " +
        "\"evidenceProblem\"?}], \"ignoredTags\": [{\"tag\", \"reason\"}]}], \"diagnostics\": [...]}";

    public static Command Create(CliConsole console)
    {
        var address = new Argument<string>("provider") { Description = "The provider address, e.g. hashicorp/random or registry.opentofu.org/hashicorp/random." };
        var template = CommonOptions.RepositoryTemplate();
        var config = CommonOptions.CliConfigFile();
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var include = CommonOptions.Includes();
        var json = CommonOptions.Json();
        var command = new DocumentedCommand("inspect", Summary, JsonShape, Details) { address, template, config, include, insecure, json };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, result.GetValue(address)!, result.GetValue(template), result.GetValue(config),
            result.GetValue(include) ?? [], result.GetValue(insecure) ?? [], tls.Read(result, console), result.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string addressText, string? template, string? config, string[] include, string[] insecure, RegistryTlsFiles tls, bool json,
        CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        if (!ProviderAddress.TryParse(addressText, out var provider, out var addressError))
        {
            console.Error.WriteLine($"error: {addressText}: {addressError}");
            return ExitCodes.UsageError;
        }

        using var mirror = MirrorLoader.Load(console, template, config, insecure, include, tls);
        if (MirrorLoader.IsUnusable(mirror, reporter, out var stores)) return ExitCodes.Failure;

        InspectReport report;
        try
        {
            report = await InspectJob.RunAsync(provider, stores, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderFailure e)
        {
            var error = Diagnostic.Error($"Cannot inspect {provider.ForDisplay()}", e.Message, null) with { Code = e.Code };
            if (json) WriteJson(console, new InspectReport(provider, []), [.. mirror.Diagnostics, error], reporter);
            else reporter.Report(mirror.Diagnostics.Append(error));
            return ExitCodes.Failure;
        }

        if (json) WriteJson(console, report, mirror.Diagnostics, reporter);
        else
        {
            reporter.Report(mirror.Diagnostics);
            WriteText(console, report);
        }
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void WriteText(CliConsole console, InspectReport report)
    {
        foreach (var repository in report.Repositories)
        {
            console.Out.WriteLine($"{report.Provider.ForDisplay()} in {repository.Name}");
            if (!repository.Found)
            {
                console.Out.WriteLine($"  not found: {repository.Problem}");
                continue;
            }
            if (repository.Versions.Count == 0) console.Out.WriteLine("  no versions");
            foreach (var version in repository.Versions)
            {
                console.Out.WriteLine($"  {version.Version}{(version.IndexDigest is { } d ? "  " + d : "")}");
                if (version.Problem is { } problem) console.Out.WriteLine($"    invalid: {problem}");
                foreach (var platform in version.Platforms)
                {
                    console.Out.WriteLine(platform.Problem is { } platformProblem
                        ? $"    {platform.Platform,-14} invalid: {platformProblem}"
                        : $"    {platform.Platform,-14} {platform.LayerDigest} {ByteSize.Format(platform.LayerSize)}  {platform.H1?.ToString() ?? "(no h1 annotation)"}");
                }
                if (version.IndexDigest is not null) WriteEvidence(console, version);
            }
            foreach (var ignored in repository.IgnoredTags)
                console.Out.WriteLine($"  ignored tag {ignored.Tag}: {ignored.Reason}");
        }
    }

    private static void WriteEvidence(CliConsole console, InspectedVersion version)
    {
        if (version.EvidenceProblem is { } problem)
        {
            console.Out.WriteLine($"    evidence       invalid: {problem}");
            return;
        }
        if (version.Evidence.Count == 0) console.Out.WriteLine("    evidence       none");
        foreach (var evidence in version.Evidence)
        {
            console.Out.WriteLine($"    evidence       {evidence.ArtifactDigest} (claims, not verified here: key {string.Join(", ", evidence.ClaimedKeyIds)}, " +
                $"from {evidence.ClaimedOriginUrl})");
        }
    }
}
