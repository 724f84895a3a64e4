using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Copy;
using TofuMirror.Engine.Modules;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror copy</c>: provider versions and their provenance evidence from one OCI store to another (registry or
/// oci-layout folder on either side), digests unchanged: the air-gap transfer.
/// </summary>
internal static partial class CopyCommand
{
    private const string Summary = "Copy provider versions with their provenance evidence between OCI registries and oci-layout folders.";

    private const string Details =
        "Versions: those the lock files of the --chdir modules name, or every version in the source matching PROVIDER@CONSTRAINTS " +
        "(e.g. 'hashicorp/aws@~> 5.0'; no @: all versions). Manifests keep their bytes and digests; blobs and manifests the target has are " +
        "skipped, so a second run copies nothing; every blob is verified while it streams, and a version's tag is pushed last, so a failure " +
        "leaves it untagged. --platform copies only those platforms: the version's index is then rewritten to list only them (a new digest) " +
        "and its provenance evidence is attached to the new index. A target tag that names other content is never overwritten (TOFU0223).";

    private const string JsonShape =
        "{\"success\", \"dryRun\", \"versions\": [{\"provider\", \"version\", \"source\", \"target\", \"sourceIndexDigest\", \"targetIndexDigest\", " +
        "\"alreadyTagged\", \"platforms\": [], \"droppedPlatforms\": [], \"blobsCopied\", \"bytesCopied\", \"blobsPresent\", \"manifestsCopied\", " +
        "\"evidenceCopied\", \"evidencePresent\"}], \"diagnostics\": [...]}";

    private sealed record Options(
        string? From, string? FromConfig, string? To, string? ToConfig, string[] Chdir, string[] Providers, string[] Platforms,
        bool DryRun, bool Json, int Parallelism, string[] Insecure, bool NoProgress);

    public static Command Create(CliConsole console)
    {
        var providers = new Argument<string[]>("provider")
        {
            Description = "PROVIDER or PROVIDER@CONSTRAINTS (e.g. hashicorp/random@'>= 3.0'); all matching versions in the source.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = new Option<string?>("--from") { Description = "The source: a repository template as push takes it (registry or oci-layout:PATH/${hostname}/${namespace}/${type})." };
        var fromConfig = new Option<string?>("--from-config") { Description = "The source: a CLI configuration file; its first oci_mirror block handling a provider is used." };
        var to = new Option<string?>("--to") { Description = "The target: a repository template (registry or oci-layout:PATH/...)." };
        var toConfig = new Option<string?>("--to-config") { Description = "The target: a CLI configuration file with oci_mirror blocks." };
        var chdir = new Option<string[]>("--chdir") { Description = "A root module folder whose .terraform.lock.hcl names the versions to copy; repeat for several." };
        var platforms = new Option<string[]>("--platform") { Description = "Copy only this platform OS_ARCH; repeat for several. Default: every platform of each version." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be copied; write nothing." };
        var parallelism = new Option<int>("--parallelism") { Description = "Versions copied at once (default 4).", DefaultValueFactory = _ => 4 };
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var json = CommonOptions.Json();
        var noProgress = CommonOptions.NoProgress();
        var command = new DocumentedCommand("copy", Summary, JsonShape, Details)
        {
            providers, from, fromConfig, to, toConfig, chdir, platforms, dryRun, parallelism, insecure, json, noProgress,
        };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, new Options(
            result.GetValue(from), result.GetValue(fromConfig), result.GetValue(to), result.GetValue(toConfig), result.GetValue(chdir) ?? [],
            result.GetValue(providers) ?? [], result.GetValue(platforms) ?? [], result.GetValue(dryRun), result.GetValue(json),
            result.GetValue(parallelism), result.GetValue(insecure) ?? [], result.GetValue(noProgress)), tls.Read(result, console), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Options options, RegistryTlsFiles tls, CancellationToken cancellationToken)
    {
        if (UsageError(options) is { } usage)
        {
            console.Error.WriteLine($"error: {usage}");
            return ExitCodes.UsageError;
        }
        IReadOnlyList<Platform> platforms = [];
        if (options.Platforms.Length > 0 && !CommonOptions.TryParsePlatforms(options.Platforms, console, out platforms)) return ExitCodes.UsageError;
        if (!TryParseProviders(options.Providers, console, out var explicitSelections)) return ExitCodes.UsageError;

        var reporter = new DiagnosticReporter(console);
        var diagnostics = new List<Diagnostic>();
        var selections = explicitSelections.ToList();
        var folders = options.Chdir.Length > 0 || options.Providers.Length == 0 ? (options.Chdir.Length > 0 ? options.Chdir : ["."]) : [];
        foreach (var folder in folders) selections.AddRange(LockedSelections(console, folder, diagnostics));
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return Fail(console, reporter, options, diagnostics);

        using var source = MirrorLoader.Load(console, options.From, options.FromConfig, options.Insecure, [], tls);
        using var target = MirrorLoader.Load(console, options.To, options.ToConfig, options.Insecure, [], tls);
        diagnostics.AddRange(source.Diagnostics);
        diagnostics.AddRange(target.Diagnostics.Except(source.Diagnostics)); // both may read the same discovered CLI configuration
        if (source.Stores is null || target.Stores is null) return Fail(console, reporter, options, diagnostics);

        var request = new CopyRequest(selections, source.Stores, target.Stores)
        {
            Platforms = platforms,
            DryRun = options.DryRun,
            Parallelism = options.Parallelism,
        };
        var report = await TransferProgressDisplay.RunAsync(console, ProgressPolicy.ShowsProgress(console, options.Json, options.NoProgress),
            (_, transfers) => new CopyJob(transfers).RunAsync(request, cancellationToken)).ConfigureAwait(false);
        diagnostics.AddRange(report.Failures.Select(ToDiagnostic));

        if (options.Json) WriteJson(console, report, diagnostics, reporter);
        else
        {
            reporter.Report(diagnostics);
            WriteText(console, report);
        }
        return report.Succeeded && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static Diagnostic ToDiagnostic(CopyFailure failure)
    {
        var subject = failure.Version is null ? failure.Provider.ForDisplay() : $"{failure.Provider.ForDisplay()} {failure.Version}";
        var detail = failure.Message.StartsWith(subject + ": ", System.StringComparison.Ordinal) ? failure.Message[(subject.Length + 2)..] : failure.Message;
        return Diagnostic.Error($"Cannot copy {subject}", detail, null) with { Code = failure.Code };
    }

    private static string? UsageError(Options options)
    {
        if ((options.From is null) == (options.FromConfig is null)) return "say where to copy from with exactly one of --from TEMPLATE or --from-config FILE.";
        if ((options.To is null) == (options.ToConfig is null)) return "say where to copy to with exactly one of --to TEMPLATE or --to-config FILE.";
        if (options.Parallelism < 1) return "--parallelism must be at least 1.";
        return null;
    }

    private static bool TryParseProviders(IEnumerable<string> values, CliConsole console, out IReadOnlyList<CopySelection> wanted)
    {
        var ok = ProviderArguments.TryParse(values, console, out var parsed);
        wanted = parsed.Select(p => new CopySelection(p.Provider) { Constraints = p.Constraints }).ToList();
        return ok;
    }

    private static IEnumerable<CopySelection> LockedSelections(CliConsole console, string folder, List<Diagnostic> diagnostics)
    {
        var module = ModuleLoader.Load(console.FullPath(folder));
        diagnostics.AddRange(module.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        if (!module.LockFileExists)
        {
            diagnostics.Add(Diagnostic.Error("No lock file to copy by",
                $"{module.LockFilePath} does not exist; run tofu-mirror lock (or tofu init) in {module.Directory} first, or name providers as PROVIDER@CONSTRAINTS.", null)
                with { Code = DiagnosticCodes.FileNotReadable });
            return [];
        }
        return module.LockFile.Providers.Select(p => new CopySelection(p.Address) { Versions = [p.Version] });
    }

    private static int Fail(CliConsole console, DiagnosticReporter reporter, Options options, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (options.Json) WriteJson(console, new CopyReport([], [], options.DryRun), diagnostics, reporter);
        else reporter.Report(diagnostics);
        return ExitCodes.Failure;
    }

    private static void WriteText(CliConsole console, CopyReport report)
    {
        var verb = report.DryRun ? "would copy" : "copied";
        foreach (var version in report.Versions)
        {
            var what = version.NothingToDo
                ? "already there"
                : $"{verb} {version.BlobsCopied} blobs ({ByteSize.Format(version.BytesCopied)}), {version.ManifestsCopied} manifests, {version.EvidenceCopied} evidence";
            console.Error.WriteLine($"{version.Provider.ForDisplay()} {version.Version}: {version.Source} -> {version.Target} ({version.TargetIndexDigest}): {what}");
            if (version.DroppedPlatforms.Count > 0)
            {
                var evidence = version.EvidenceCopied + version.EvidencePresent > 0 ? ", evidence attached to it" : "";
                console.Error.WriteLine($"  platforms {string.Join(", ", version.Platforms)} (left out: {string.Join(", ", version.DroppedPlatforms)}; index rewritten{evidence})");
            }
            if (version.EvidenceCopied + version.EvidencePresent == 0) console.Error.WriteLine("  no provenance evidence in the source");
        }
        if (report.Versions.Count > 0)
            console.Error.WriteLine($"{report.Versions.Count} versions, {report.BlobsCopied} blobs ({ByteSize.Format(report.BytesCopied)}) {verb}");
    }
}
