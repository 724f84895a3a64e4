using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Modules;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Oci;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Packages;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Verify;

/// <summary>
/// The <c>verify</c> job: re-hashes every package in a restore output folder (unpacked folders by <c>h1:</c>,
/// packed zips by <c>zh:</c> and <c>h1:</c>) and checks it against the lock file and the install stamp restore
/// wrote; reports packages that do not match, locked packages that are missing and packages nothing locks.
/// With a mirror, also checks that the lock file accepts the mirror's package of each platform involved.
/// </summary>
public static class VerifyJob
{
    public static async Task<VerifyReport> RunAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        var module = ModuleLoader.Load(request.ModuleDirectory);
        var diagnostics = new List<Diagnostic>(module.Diagnostics.Where(d => d.Subject?.FileName == module.LockFilePath || d.Code == DiagnosticCodes.FileNotReadable));
        var output = Path.GetFullPath(request.OutputDirectory);
        if (!module.LockFileExists)
        {
            diagnostics.Add(Diagnostic.Error("No dependency lock file",
                $"{module.LockFilePath} does not exist; there is nothing to verify against. Run `tofu-mirror lock` first.",
                SourceRange.StartOf(module.LockFilePath)) with { Code = DiagnosticCodes.ProviderNotLocked });
            return new VerifyReport(module.LockFilePath, output, [], [], diagnostics);
        }
        if (!Directory.Exists(output))
            diagnostics.Add(Diagnostic.Error("Output folder not found",
                $"{output} does not exist. Run `tofu-mirror restore` first, or pass the folder it restored into with --output.",
                null) with { Code = DiagnosticCodes.FileNotReadable });

        var scan = FilesystemMirrorScanner.Scan(output);
        var packages = new List<VerifiedPackage>();
        foreach (var package in scan.Packages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            packages.Add(Check(output, package, module.LockFile.Find(package.Address)));
        }

        foreach (var locked in module.LockFile.Providers)
            foreach (var platform in request.Platforms)
            {
                if (scan.Packages.Any(p => p.Address.Equals(locked.Address) && p.Version.Equals(locked.Version) && p.Platform.Equals(platform)))
                    continue;
                packages.Add(new VerifiedPackage(locked.Address, locked.Version, platform, VerifyStatus.Missing)
                {
                    Problem = $"not installed in {output}; run `tofu-mirror restore --platform {platform}`",
                });
            }

        var mirrorChecks = request.Stores is { } stores
            ? await CheckMirrorAsync(stores, module.LockFile, request.Platforms, scan.Packages, cancellationToken).ConfigureAwait(false)
            : [];
        IReadOnlyList<SignedProviderCheck> signatureChecks = [];
        if (request.RequireSigned)
        {
            if (request.Stores is null || request.TrustAnchors.Fingerprints.Count == 0)
                diagnostics.Add(Diagnostic.Error("Cannot check signatures",
                    "--require-signed needs the mirror (--repository-template or --config) and at least one trust anchor (--trusted-keys, "
                    + $"{Trust.TrustAnchors.EnvironmentVariable}).", null) with { Code = DiagnosticCodes.NoTrustAnchors });
            else
                signatureChecks = await SignedProviderCheck.RunAsync(request.Stores, module.LockFile, request.TrustAnchors, cancellationToken).ConfigureAwait(false);
        }
        var ordered = packages.OrderBy(p => p.Provider).ThenBy(p => p.Version).ThenBy(p => p.Platform).ThenBy(p => p.Layout, StringComparer.Ordinal).ToList();
        return new VerifyReport(module.LockFilePath, output, ordered, mirrorChecks, diagnostics) { SignatureChecks = signatureChecks };
    }

    /// <summary>Restore finds a changed package and reinstalls it; --force reinstalls even what it cannot tell apart.</summary>
    private const string ReinstallHint =
        ". Run `tofu-mirror restore` to reinstall it (`tofu-mirror restore --force` reinstalls every package; in a build, -p:TofuForceRestore=true)";

    private static VerifiedPackage Check(string output, MirrorPackage package, ProviderLock? locked)
    {
        var layout = package.Kind == MirrorPackageKind.Unpacked ? OutputLayout.Unpacked : OutputLayout.Packed;
        var result = new VerifiedPackage(package.Address, package.Version, package.Platform, VerifyStatus.Ok)
        {
            Layout = layout.ToString().ToLowerInvariant(),
            Path = package.Path,
        };
        if (locked is null)
            return result with { Status = VerifyStatus.Extra, Problem = "the lock file has no entry for this provider" };
        if (!locked.Version.Equals(package.Version))
            return result with { Status = VerifyStatus.Extra, Problem = $"the lock file locks version {locked.Version}, not {package.Version}" };

        PackageHash h1;
        PackageHash? zh = null;
        try
        {
            if (layout == OutputLayout.Unpacked)
            {
                h1 = PackageHasher.ComputeH1FromDirectory(package.Path);
            }
            else
            {
                zh = PackageHasher.ComputeZipHash(package.Path);
                h1 = PackageHasher.ComputeH1FromZip(package.Path);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return result with { Status = VerifyStatus.Unreadable, Problem = e.Message };
        }
        var hashes = zh is null ? new[] { h1 } : new[] { zh, h1 };
        result = result with { Hashes = hashes };

        var stampPath = RestoreJob.StampPath(output, package.Address, package.Version, package.Platform, layout);
        var stampProblem = (string?)null;
        if (InstallStamp.TryRead(stampPath) is { } stamp)
        {
            var recorded = layout == OutputLayout.Unpacked ? stamp.H1 : stamp.Zh;
            var now = layout == OutputLayout.Unpacked ? h1.ToString() : zh!.ToString();
            var same = string.Equals(recorded, now, StringComparison.Ordinal);
            // A folder installed from a zip the lock's zh: proved has no h1: in its stamp; the lock's hashes judge it.
            result = result with { StampStatus = recorded is null ? "no-h1" : same ? "match" : "mismatch" };
            if (recorded is not null && !same) stampProblem = $"the content changed since restore installed it ({recorded} then, {now} now)";
        }

        if (!PackageHashes.AnyMatch(locked.Hashes, hashes))
            return result with
            {
                Status = VerifyStatus.Mismatch,
                Problem = $"its content ({string.Join(", ", hashes.Select(h => h.ToString()))}) matches none of the hashes the lock file records" +
                          (stampProblem is null ? "" : "; " + stampProblem) + ReinstallHint,
            };
        return stampProblem is null ? result : result with { Status = VerifyStatus.Mismatch, Problem = stampProblem + ReinstallHint };
    }

    /// <summary>For each locked provider and each platform wanted or installed: the mirror has it, and the lock accepts its <c>zh:</c>.</summary>
    private static async Task<IReadOnlyList<MirrorCheck>> CheckMirrorAsync(
        Stores.IProviderStoreResolver resolver, LockFile lockFile, IReadOnlyList<Platform> platforms, IReadOnlyList<MirrorPackage> installed,
        CancellationToken cancellationToken)
    {
        var checks = new List<MirrorCheck>();
        foreach (var locked in lockFile.Providers)
        {
            var wanted = platforms
                .Concat(installed.Where(p => p.Address.Equals(locked.Address) && p.Version.Equals(locked.Version)).Select(p => p.Platform))
                .Distinct().OrderBy(p => p).ToList();
            foreach (var platform in wanted)
            {
                var check = new MirrorCheck(locked.Address, locked.Version, platform, Ok: true);
                try
                {
                    var stores = MirrorLookup.StoresFor(resolver, locked.Address);
                    var location = await MirrorLookup.ResolveAsync(stores, locked.Address, locked.Version, platform, cancellationToken).ConfigureAwait(false);
                    check = check with { Zh = location.Zh };
                    ProviderArtifactRules.CheckLayerAgainstLock(location.Layer, locked.Hashes, locked.Address, locked.Version);
                }
                catch (ProviderFailure e)
                {
                    check = check with { Ok = false, Problem = $"{e.Code}: {e.Message}" };
                }
                catch (OciException e)
                {
                    check = check with { Ok = false, Problem = $"{OciFailures.CodeOf(e)}: {e.Message}" };
                }
                checks.Add(check);
            }
        }
        return checks;
    }
}
