using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Engine.Verify;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror verify</c>: re-hashes what restore installed and checks it against the lock file and the
/// install stamps; with a mirror, also checks the mirror's packages against the lock file.
/// </summary>
internal static partial class VerifyCommand
{
    private const string Summary = "Re-hash what restore installed and check it against the lock file (and the mirror); exit 1 on any problem.";

    private const string Details =
        "Every provider package in the restore output is re-hashed (unpacked folders by h1:, zips by zh: and h1:) and checked against " +
        "the lock file and restore's install stamps; packages that do not match, locked packages missing for the wanted platforms, " +
        "and packages nothing locks are reported. With --repository-template or --config, also checks that the lock file accepts the " +
        "mirror's package (its zh:) for those platforms. With --require-signed, each locked provider's provenance evidence in the mirror " +
        "must be signed by a trust anchor, with every package of the version and every locked zh: on its signed SHA256SUMS.";

    private const string JsonShape =
        "{\"success\", \"lockFile\", \"output\", \"packages\": [{\"provider\", \"version\", \"platform\", \"status\" (ok|mismatch|missing|extra|unreadable), " +
        "\"layout\"?, \"path\"?, \"hashes\": [], \"stamp\" (match|mismatch|missing), \"problem\"?}], \"mirror\": [{\"provider\", \"version\", \"platform\", " +
        "\"ok\", \"zh\"?, \"problem\"?}], \"signatures\": [{\"provider\", \"version\", \"ok\", \"signingKeyId\"?, \"problem\"?}], \"diagnostics\": [...]}";

    public static Command Create(CliConsole console)
    {
        var chdir = CommonOptions.ChangeDirectory();
        var output = new Option<string?>("--output") { Description = "The folder restore wrote. Default: DIR/.terraform/providers-mirror." };
        var platforms = new Option<string[]>("--platform")
        {
            Description = "A platform OS_ARCH every locked provider must be installed for; repeat for several. Default: this machine's.",
        };
        var template = CommonOptions.RepositoryTemplate();
        var config = CommonOptions.CliConfigFile();
        var trustedKeys = CommonOptions.TrustedKeys();
        var requireSigned = CommonOptions.RequireSigned("checked in the mirror for every locked provider (needs the mirror)");
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var include = CommonOptions.Includes();
        var json = CommonOptions.Json();
        var command = new DocumentedCommand("verify", Summary, JsonShape, Details) { chdir, output, platforms, template, config, include, trustedKeys, requireSigned, insecure, json };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, new Options(
            result.GetValue(chdir)!, result.GetValue(output), result.GetValue(platforms) ?? [], result.GetValue(template),
            result.GetValue(config), result.GetValue(include) ?? [], result.GetValue(insecure) ?? [], result.GetValue(json))
        {
            Tls = tls.Read(result, console),
            TrustedKeys = result.GetValue(trustedKeys) ?? [],
            RequireSigned = result.GetValue(requireSigned),
        }, ct));
        return command;
    }

    private sealed record Options(string Chdir, string? Output, string[] Platforms, string? Template, string? Config, string[] Include, string[] InsecureRegistries, bool Json)
    {
        public RegistryTlsFiles Tls { get; init; } = RegistryTlsFiles.None;
        public string[] TrustedKeys { get; init; } = [];
        public bool RequireSigned { get; init; }
    }

    private static async Task<int> RunAsync(CliConsole console, Options options, CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        if (!CommonOptions.TryParsePlatforms(options.Platforms, console, out var platforms)) return ExitCodes.UsageError;
        var moduleDirectory = console.FullPath(options.Chdir);
        if (TrustAnchorLoader.Load(console, options.TrustedKeys, reporter) is not { } anchors) return ExitCodes.Failure;

        MirrorSource? mirror = null;
        try
        {
            if (options.Template is not null || options.Config is not null)
            {
                mirror = MirrorLoader.Load(console, options.Template, options.Config, options.InsecureRegistries, options.Include, options.Tls);
                if (MirrorLoader.IsUnusable(mirror, reporter, out _)) return ExitCodes.Failure;
            }

            var request = new VerifyRequest(
                moduleDirectory,
                options.Output is null ? RestoreRequest.DefaultOutputDirectory(moduleDirectory) : console.FullPath(options.Output),
                platforms)
            {
                Stores = mirror?.Stores,
                RequireSigned = options.RequireSigned,
                TrustAnchors = anchors,
            };
            var report = await VerifyJob.RunAsync(request, cancellationToken).ConfigureAwait(false);
            var diagnostics = (mirror?.Diagnostics ?? []).Concat(report.Diagnostics).ToList();
            if (options.Json) WriteJson(console, report, diagnostics, reporter);
            else WriteText(console, reporter, report, diagnostics);
            return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }
        finally
        {
            mirror?.Dispose();
        }
    }

    private static void WriteText(CliConsole console, DiagnosticReporter reporter, VerifyReport report, IReadOnlyList<Diagnostic> diagnostics)
    {
        reporter.Report(diagnostics);
        foreach (var package in report.Packages)
        {
            var what = $"{package.Provider.ForDisplay()} {package.Version} {package.Platform}";
            console.Error.WriteLine(package.Status == VerifyStatus.Ok
                ? $"ok        {what} ({package.Layout})"
                : $"{StatusName(package.Status),-9} {what}: {package.Problem}");
        }
        foreach (var check in report.MirrorChecks)
        {
            var what = $"{check.Provider.ForDisplay()} {check.Version} {check.Platform}";
            console.Error.WriteLine(check.Ok ? $"mirror ok {what} ({check.Zh})" : $"mirror    {what}: {check.Problem}");
        }
        foreach (var check in report.SignatureChecks)
        {
            var what = $"{check.Provider.ForDisplay()} {check.Version}";
            console.Error.WriteLine(check.Ok ? $"signed ok {what} (signed, key ID {check.SigningKeyId})" : $"unsigned  {what}: {check.Problem}");
        }
        var problems = report.Packages.Count(p => p.Status != VerifyStatus.Ok) + report.MirrorChecks.Count(m => !m.Ok) + report.SignatureChecks.Count(s => !s.Ok);
        console.Error.WriteLine($"verify: {report.Packages.Count} package(s), {problems} problem(s)");
    }

    internal static string StatusName(VerifyStatus status) => status switch
    {
        VerifyStatus.Ok => "ok",
        VerifyStatus.Mismatch => "mismatch",
        VerifyStatus.Missing => "missing",
        VerifyStatus.Extra => "extra",
        _ => "unreadable",
    };
}
