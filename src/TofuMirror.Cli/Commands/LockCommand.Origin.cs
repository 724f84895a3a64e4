using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Output;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Cli.Commands;

/// <summary><c>lock --origin</c>: the official checksums from each provider's origin registry, printed as OpenTofu prints them.</summary>
internal static partial class LockCommand
{
    private static async Task<int> RunFromOriginAsync(CliConsole console, Options options, IReadOnlyList<Platform> platforms, CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        if (options.Template is not null || options.TrustAnnotations || options.Include.Length > 0)
        {
            console.Error.WriteLine("error: --origin reads no OCI mirror; drop --repository-template, --include and --trust-annotations.");
            return ExitCodes.UsageError;
        }

        var environment = ProcessCliEnvironment.Create(console.Environment, console.CurrentDirectory);
        using var connection = OriginLockConnection.Open(options.Config is null ? null : console.FullPath(options.Config),
            options.InsecureRegistries, options.Tls, environment);
        if (connection.HasErrors)
        {
            reporter.Report(connection.Diagnostics);
            return ExitCodes.Failure;
        }

        var request = new OriginLockRequest(
            console.FullPath(options.Chdir),
            connection.OriginForAsync,
            platforms,
            options.Cache is null ? BlobCache.DefaultDirectory(console.Variable) : console.FullPath(options.Cache))
        {
            Authentication = PackageAuthenticationOptions.FromEnvironment(console.Variable),
        };
        var report = await TransferProgressDisplay.RunAsync(console, ProgressPolicy.ShowsProgress(console, options.Json, options.NoProgress),
            (_, transfers) => new OriginLockJob(transfers: transfers).RunAsync(request, cancellationToken)).ConfigureAwait(false);
        var diagnostics = connection.Diagnostics.Concat(report.Diagnostics).ToList();

        if (options.Json) WriteJson(console, report, diagnostics, reporter, fromOrigin: true);
        else
        {
            WriteOriginText(console, report);
            reporter.Report(diagnostics);
            WriteText(console, reporter, report);
        }
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>OpenTofu's <c>tofu providers lock</c> lines: one per fetched platform, then one per platform with signed checksums only.</summary>
    private static void WriteOriginText(CliConsole console, LockReport report)
    {
        foreach (var provider in report.Providers.Where(p => p.Change != LockChange.Failed))
        {
            var name = provider.Provider.ForDisplay();
            foreach (var platform in provider.Platforms)
            {
                console.Error.WriteLine(platform.H1Source == H1Source.OriginReported
                    ? $"- Obtained {name} {provider.Version} checksums for {platform.Platform} (from the origin's packages list, {Authentication(platform)})"
                    : $"- Retrieved {name} {provider.Version} for {platform.Platform} ({Authentication(platform)})");
            }
            var fetched = provider.Platforms.Select(p => p.Platform).ToHashSet();
            var signedOnly = provider.SignedZipHashes.Keys.Where(p => !fetched.Contains(p)).Select(p => p.ToString()).Order().ToList();
            if (signedOnly.Count > 0)
                console.Error.WriteLine($"- Obtained {name} {provider.Version} zh: checksums for {string.Join(", ", signedOnly)} from the signed SHA256SUMS");
        }
    }

    private static string Authentication(LockedPlatform platform) =>
        platform.SignerKeyId is { } keyId ? $"signed, key ID {keyId}" : "unauthenticated";
}
