using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Mirror;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror mirror</c>: the providers a configuration needs (or named ones), from their origin into the OCI mirror
/// in one command, byte for byte, skipping what the mirror already holds.
/// </summary>
internal static partial class MirrorCommand
{
    private const string Details =
        "What to mirror: the providers each --chdir module requires or locks (the locked version while the constraints allow it, " +
        "else the newest allowed), and each PROVIDER[@CONSTRAINTS] argument (newest allowed), e.g. 'hashicorp/aws@~> 5.0'. " +
        "--all-versions takes every allowed version. The origin is each provider's registry (host and credentials blocks, TF_TOKEN_…), " +
        "whose SHA256SUMS signature is verified as OpenTofu does and attached to the version as evidence; or --network-mirror, or --from-folder. " +
        "Platforms already in the mirror with the origin's checksum are skipped " +
        "without downloading; a version is pushed only when all its platforms downloaded and passed their checks.";

    public static Command Create(CliConsole console)
    {
        var providers = new Argument<string[]>("provider")
        {
            Description = "PROVIDER[@CONSTRAINTS], e.g. hashicorp/aws@'~> 5.0'; repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var chdir = new Option<string[]>("--chdir")
        {
            Description = "A root module folder whose required (and locked) providers to mirror; repeat for several. " +
                          "Default: the current folder, unless providers are named.",
        };
        var template = CommonOptions.RepositoryTemplate();
        var config = CommonOptions.CliConfigFile();
        var include = CommonOptions.Includes();
        var platforms = new Option<string[]>("--platform")
        {
            Description = "A platform OS_ARCH to mirror (e.g. linux_amd64); repeat for several. Default: every platform the origin offers.",
        };
        var allVersions = new Option<bool>("--all-versions") { Description = "Mirror every version the constraints allow, not only the one tofu init would choose." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be fetched, pushed and skipped; download and change nothing." };
        var parallelism = new Option<int>("--parallelism") { Description = "Downloads at once (default 4).", DefaultValueFactory = _ => 4 };
        var fromFolder = new Option<string?>("--from-folder")
        {
            Description = "Take the packages from this folder (as `tofu providers mirror` writes it, or any filesystem mirror) instead of the origin registry.",
        };
        var networkMirror = new Option<string?>("--network-mirror")
        {
            Description = "Take the packages from this provider network mirror (OpenTofu's network_mirror protocol, e.g. https://mirror.example.com/providers/) instead of each provider's origin registry.",
        };
        var enforceValidation = new Option<bool>("--enforce-gpg-validation")
        {
            Description = "Refuse packages of registry.opentofu.org that come without signing keys (as OPENTOFU_ENFORCE_GPG_VALIDATION=true).",
        };
        var enforceExpiration = new Option<bool>("--enforce-gpg-expiration")
        {
            Description = "Refuse packages signed with an expired key instead of warning (as OPENTOFU_ENFORCE_GPG_EXPIRATION=true).",
        };
        var cache = new Option<string?>("--cache") { Description = "The shared download cache. Default: ~/.cache/tofumirror (XDG_CACHE_HOME)." };
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var json = CommonOptions.Json();
        var noProgress = CommonOptions.NoProgress();
        var command = new DocumentedCommand("mirror", "Fill the OCI mirror from the providers' origin: what a configuration needs, byte for byte, skipping what is there.",
            JsonShape, Details)
        {
            providers, chdir, template, config, include, platforms, allVersions, dryRun, parallelism, fromFolder, networkMirror, enforceValidation, enforceExpiration,
            cache, insecure, json, noProgress,
        };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, new Options(
            result.GetValue(providers) ?? [], result.GetValue(chdir) ?? [], result.GetValue(template), result.GetValue(config),
            result.GetValue(include) ?? [], result.GetValue(platforms) ?? [], result.GetValue(insecure) ?? [], tls.Read(result, console))
        {
            AllVersions = result.GetValue(allVersions),
            DryRun = result.GetValue(dryRun),
            Parallelism = result.GetValue(parallelism),
            FromFolder = result.GetValue(fromFolder),
            NetworkMirror = result.GetValue(networkMirror),
            EnforceGpgValidation = result.GetValue(enforceValidation),
            EnforceGpgExpiration = result.GetValue(enforceExpiration),
            Cache = result.GetValue(cache),
            Json = result.GetValue(json),
            NoProgress = result.GetValue(noProgress),
        }, ct));
        return command;
    }

    private sealed record Options(
        string[] Providers, string[] Chdir, string? Template, string? Config, string[] Include, string[] Platforms, string[] InsecureRegistries, RegistryTlsFiles Tls)
    {
        public bool AllVersions { get; init; }
        public bool DryRun { get; init; }
        public int Parallelism { get; init; }
        public string? FromFolder { get; init; }
        public string? NetworkMirror { get; init; }
        public bool EnforceGpgValidation { get; init; }
        public bool EnforceGpgExpiration { get; init; }
        public string? Cache { get; init; }
        public bool Json { get; init; }
        public bool NoProgress { get; init; }
    }

    private static async Task<int> RunAsync(CliConsole console, Options options, CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        if (!TryParseProviders(options.Providers, console, out var wanted)) return ExitCodes.UsageError;
        var platformList = PlatformList.Parse(options.Platforms, "--platform");
        foreach (var error in platformList.Errors) console.Error.WriteLine($"error: {error}");
        if (platformList.Errors.Count > 0) return ExitCodes.UsageError;
        if (options.Parallelism < 1)
        {
            console.Error.WriteLine("error: --parallelism must be at least 1.");
            return ExitCodes.UsageError;
        }

        Uri? networkMirrorUrl = null;
        if (options.NetworkMirror is { } mirrorText)
        {
            if (options.FromFolder is not null)
            {
                console.Error.WriteLine("error: --network-mirror and --from-folder name two sources; pass one.");
                return ExitCodes.UsageError;
            }
            if (!Uri.TryCreate(mirrorText, UriKind.Absolute, out networkMirrorUrl) || networkMirrorUrl.Scheme is not ("https" or "http"))
            {
                console.Error.WriteLine($"error: --network-mirror {mirrorText}: not an absolute https:// URL. Example: --network-mirror https://mirror.example.com/providers/.");
                return ExitCodes.UsageError;
            }
        }

        using var mirror = MirrorLoader.Load(console, options.Template, options.Config, options.InsecureRegistries, options.Include, options.Tls);
        if (MirrorLoader.IsUnusable(mirror, reporter, out var stores)) return ExitCodes.Failure;

        var modules = options.Chdir.Length > 0 ? options.Chdir : wanted.Count == 0 ? ["."] : [];
        // One origin client and one service discovery for the run, with the registry commands' TLS, proxy and insecure hosts.
        using var http = new OriginHttp(new OriginHttpOptions { Transport = mirror.ClientOptions });
        OriginResolver origins;
        try
        {
            origins = new OriginResolver(
                options.FromFolder is null ? null : console.FullPath(options.FromFolder),
                new OriginNetwork(http, mirror.Config, ProcessCliEnvironment.Create(console.Environment, console.CurrentDirectory)),
                networkMirrorUrl);
        }
        catch (OriginException e)
        {
            reporter.Report([TofuMirror.Diagnostics.Diagnostic.Error("Cannot use the origin", e.Message, null) with { Code = e.Code }]);
            return ExitCodes.Failure;
        }
        var fromEnvironment = PackageAuthenticationOptions.FromEnvironment(console.Variable);
        var authentication = new PackageAuthenticationOptions(
            options.EnforceGpgValidation || fromEnvironment.EnforceGpgValidation,
            options.EnforceGpgExpiration || fromEnvironment.EnforceGpgExpiration);
        var request = new MirrorRequest(
            modules.Select(console.FullPath).ToList(),
            wanted,
            origins,
            stores,
            options.Cache is null ? BlobCache.DefaultDirectory(console.Variable) : console.FullPath(options.Cache))
        {
            Platforms = platformList.Platforms,
            AllVersions = options.AllVersions,
            DryRun = options.DryRun,
            Parallelism = options.Parallelism,
            // OpenTofu's order: the signed checksums first (their codes name what is wrong), then the origin's other hashes and sizes.
            Checks = [new OriginSignatureCheck(origins, authentication), new OriginHashCheck()],
            Evidence = new ProvenanceEvidenceSink(),
        };

        var report = await TransferProgressDisplay.RunAsync(console, ProgressPolicy.ShowsProgress(console, options.Json, options.NoProgress),
            (_, transfers) => new MirrorJob(transfers: transfers).RunAsync(request, cancellationToken)).ConfigureAwait(false);
        var diagnostics = mirror.Diagnostics.Concat(report.Diagnostics).Concat(report.Versions.Select(v => v.Error).OfType<TofuMirror.Diagnostics.Diagnostic>()).ToList();

        foreach (var warning in report.Warnings) console.Error.WriteLine($"warning: {warning}");
        if (options.Json) WriteJson(console, report, diagnostics, reporter);
        else
        {
            reporter.Report(diagnostics);
            WriteText(console, report);
        }
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static bool TryParseProviders(IEnumerable<string> values, CliConsole console, out IReadOnlyList<WantedProvider> wanted)
    {
        var ok = ProviderArguments.TryParse(values, console, out var parsed);
        wanted = parsed.Select(p => new WantedProvider(p.Provider, p.Constraints)).ToList();
        return ok;
    }

    private static void WriteText(CliConsole console, MirrorReport report)
    {
        foreach (var version in report.Versions.Where(v => v.Version is not null))
        {
            var pushedAny = version.Platforms.Any(p => p.Status == MirrorStatus.Fetched);
            var verb = version.Failed ? "failed" : report.DryRun ? (pushedAny ? "would mirror" : "up to date") : pushedAny ? "mirrored" : "up to date";
            var digest = version.IndexDigest is { Length: > 0 } d ? $" ({d})" : "";
            console.Error.WriteLine($"{verb} {version.Provider.ForDisplay()} {version.Version} -> {version.Repository}:{version.Tag}{digest}");
            foreach (var platform in version.Platforms)
            {
                var status = (platform.Status, report.DryRun) switch
                {
                    (MirrorStatus.Fetched, true) => "fetch+push",
                    (MirrorStatus.Fetched, false) => "fetched",
                    (MirrorStatus.Skipped, _) => "skipped",
                    _ => "not pushed",
                };
                var size = platform.Size is { } bytes ? ByteSize.Format(bytes) : "size unknown";
                var signed = platform.SigningKeyId is { } key ? $" (signed, key ID {key})" : "";
                console.Error.WriteLine($"  {platform.Platform,-14} {status,-10} {platform.Digest ?? "digest unknown"} {size}{signed}");
            }
        }
        var all = report.Versions.SelectMany(v => v.Platforms).ToList();
        var fetchedBytes = all.Where(p => p.Status == MirrorStatus.Fetched).Sum(p => p.Size ?? 0);
        console.Error.WriteLine(
            $"mirror{(report.DryRun ? " (dry run, nothing changed)" : "")}: {all.Count(p => p.Status == MirrorStatus.Fetched)} {(report.DryRun ? "to fetch" : "fetched")} " +
            $"({ByteSize.Format(fetchedBytes)}), {all.Count(p => p.Status == MirrorStatus.Skipped)} skipped, " +
            $"{report.Versions.Count(v => v.Failed)} version(s) failed");
    }
}
