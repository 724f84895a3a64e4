using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror lock</c>: records versions and the <c>zh:</c>/<c>h1:</c> hashes of the wanted platforms in
/// <c>.terraform.lock.hcl</c> from the OCI mirror alone.
/// </summary>
internal static partial class LockCommand
{
    private const string Summary = "Record each provider's version and zh:/h1: hashes in .terraform.lock.hcl, from the OCI mirror alone.";

    private const string Details =
        "The version is the locked one while the constraints allow it, else the newest allowed; hashes are recorded for every wanted " +
        "platform. The file is written only when every provider succeeds.";

    private const string JsonShape =
        "{\"success\", \"lockFile\", \"written\", \"providers\": [{\"provider\", \"change\" (unchanged|added|version-changed|hashes-added|" +
        "constraints-changed|failed), \"previousVersion\"?, \"version\"?, \"constraints\"?, \"notRequired\", \"platforms\": [{\"platform\", \"zh\", \"h1\", " +
        "\"h1Source\" (annotation|annotation-verified|computed), \"repository\", \"manifestDigest\"}], \"signingKeyId\"?, \"signedZipHashes\": {PLATFORM: zh}, \"addedHashes\": [], \"removedHashes\": []}], \"diagnostics\": [...]}";

    public static Command Create(CliConsole console)
    {
        var chdir = CommonOptions.ChangeDirectory();
        var template = CommonOptions.RepositoryTemplate();
        var config = CommonOptions.CliConfigFile();
        var platforms = CommonOptions.Platforms();
        platforms.Description = "A platform OS_ARCH to record hashes for; repeat for several. Default: every platform the mirror has for the version.";
        var cache = new Option<string?>("--cache") { Description = "The shared download cache (for packages without an h1 annotation, and to check annotations). Default: ~/.cache/tofumirror (XDG_CACHE_HOME)." };
        var trustAnnotations = new Option<bool>("--trust-annotations")
        {
            Description = "Take each package's org.tofumirror.package.h1 annotation as it is, without checking it against the cached or this machine's package (see docs/cli.md for when that is safe).",
        };
        var origin = new Option<bool>("--origin")
        {
            Description = "Ask each provider's origin registry instead of the OCI mirror, like `tofu providers lock`: every platform's zh: from the signed SHA256SUMS plus h1: of the wanted platforms (see docs/mirror.md).",
        };
        var trustedKeys = CommonOptions.TrustedKeys();
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var include = CommonOptions.Includes();
        var json = CommonOptions.Json();
        var noProgress = CommonOptions.NoProgress();
        var command = new DocumentedCommand("lock", Summary, JsonShape, Details) { chdir, template, config, include, platforms, cache, trustAnnotations, trustedKeys, origin, insecure, json, noProgress };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, new Options(
            result.GetValue(chdir)!, result.GetValue(template), result.GetValue(config), result.GetValue(platforms) ?? [],
            result.GetValue(cache), result.GetValue(include) ?? [], result.GetValue(insecure) ?? [], result.GetValue(json))
        {
            NoProgress = result.GetValue(noProgress),
            Tls = tls.Read(result, console),
            TrustAnnotations = result.GetValue(trustAnnotations),
            Origin = result.GetValue(origin),
            TrustedKeys = result.GetValue(trustedKeys) ?? [],
        }, ct));
        return command;
    }

    private sealed record Options(string Chdir, string? Template, string? Config, string[] Platforms, string? Cache, string[] Include, string[] InsecureRegistries, bool Json)
    {
        public bool NoProgress { get; init; }
        public RegistryTlsFiles Tls { get; init; } = RegistryTlsFiles.None;
        public bool TrustAnnotations { get; init; }
        public bool Origin { get; init; }
        public string[] TrustedKeys { get; init; } = [];
    }

    private static async Task<int> RunAsync(CliConsole console, Options options, CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        // No --platform: every platform the mirror has for the chosen version, as OpenTofu records when its registry reports all.
        IReadOnlyList<Platform> platforms = [];
        if (options.Platforms.Length > 0 && !CommonOptions.TryParsePlatforms(options.Platforms, console, out platforms)) return ExitCodes.UsageError;
        if (options.Origin) return await RunFromOriginAsync(console, options, platforms, cancellationToken).ConfigureAwait(false);

        if (TrustAnchorLoader.Load(console, options.TrustedKeys, reporter) is not { } anchors) return ExitCodes.Failure;
        using var mirror = MirrorLoader.Load(console, options.Template, options.Config, options.InsecureRegistries, options.Include, options.Tls);
        if (MirrorLoader.IsUnusable(mirror, reporter, out var stores)) return ExitCodes.Failure;

        var request = new LockRequest(
            console.FullPath(options.Chdir),
            stores,
            platforms,
            options.Cache is null ? BlobCache.DefaultDirectory(console.Variable) : console.FullPath(options.Cache))
        {
            TrustAnnotations = options.TrustAnnotations,
            TrustAnchors = anchors,
        };
        var report = await TransferProgressDisplay.RunAsync(console, ProgressPolicy.ShowsProgress(console, options.Json, options.NoProgress),
            (_, transfers) => new LockJob(transfers: transfers).RunAsync(request, cancellationToken)).ConfigureAwait(false);
        var diagnostics = mirror.Diagnostics.Concat(report.Diagnostics).ToList();

        if (options.Json) WriteJson(console, report, diagnostics, reporter);
        else
        {
            reporter.Report(diagnostics);
            WriteText(console, reporter, report);
        }
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void WriteText(CliConsole console, DiagnosticReporter reporter, LockReport report)
    {
        foreach (var provider in report.Providers)
        {
            var name = provider.Provider.ForDisplay();
            var line = provider.Change switch
            {
                LockChange.Added => $"{name}: locked {provider.Version}",
                LockChange.VersionChanged => $"{name}: {provider.PreviousVersion} -> {provider.Version}",
                LockChange.HashesAdded => $"{name} {provider.Version}: {provider.AddedHashes.Count} hash(es) added",
                LockChange.ConstraintsChanged => $"{name} {provider.Version}: constraints now \"{provider.Constraints}\"",
                LockChange.Unchanged => $"{name} {provider.Version}: unchanged",
                _ => $"{name}: failed",
            };
            if (provider.NotRequired) line += " (no longer required; kept)";
            var signed = provider.SigningKeyId is { } keyId ? $"signed, key ID {keyId}" : null;
            if (signed is not null) line += $" ({signed})";
            console.Error.WriteLine(line);
            foreach (var platform in provider.Platforms)
                console.Error.WriteLine($"  {platform.Platform,-14} {platform.Zh} {platform.H1} ({platform.H1Source switch { H1Source.Annotation => "annotation", H1Source.AnnotationVerified => "annotation, verified", _ => "downloaded" }}{(signed is null ? "" : ", " + signed)})");
            foreach (var (platform, zh) in provider.SignedZipHashes.Where(s => provider.Platforms.All(p => !p.Platform.Equals(s.Key))).OrderBy(s => s.Key))
                console.Error.WriteLine($"  {platform,-14} {zh} ({signed}; not in the mirror)");
        }
        var path = reporter.DisplayPath(report.LockFilePath);
        console.Error.WriteLine(report.Written ? $"wrote {path}"
            : report.Succeeded ? $"{path} is up to date"
            : $"{path} left unchanged because of the errors above");
    }
}
