using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Restore;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;

namespace TofuMirror.Engine.Copy;

/// <summary>
/// The <c>copy</c> job: provider versions with their provenance evidence from one store to another (registry or
/// <c>oci-layout:</c> folder on either side), digests unchanged, skipping what the target has, every blob verified
/// while it streams. A version that fails is reported and the others still copied; a failed version is never tagged.
/// </summary>
public sealed class CopyJob
{
    private readonly IProgress<TransferEvent>? _transfers;

    /// <param name="transfers">Told about each provider zip's bytes as they are copied.</param>
    public CopyJob(IProgress<TransferEvent>? transfers = null) => _transfers = transfers;

    public async Task<CopyReport> RunAsync(CopyRequest request, CancellationToken cancellationToken)
    {
        var copied = new List<CopiedVersion>();
        var failures = new List<CopyFailure>();
        var work = new List<(IOciRepositoryStore Source, IOciRepositoryStore Target, ProviderAddress Provider, ProviderVersion Version)>();
        foreach (var selection in request.Selections)
        {
            try
            {
                var (source, target) = StoresFor(request, selection.Provider);
                foreach (var version in await VersionsAsync(source, selection, cancellationToken).ConfigureAwait(false))
                    work.Add((source, target, selection.Provider, version));
            }
            catch (Exception e) when (e is ProviderFailure or OciException)
            {
                failures.Add(new CopyFailure(selection.Provider, null, CodeOf(e), e.Message));
            }
        }

        var scratch = Path.Combine(Path.GetTempPath(), "tofumirror-copy-" + Guid.NewGuid().ToString("N"));
        var gate = new object();
        try
        {
            await Parallel.ForEachAsync(work.Distinct(),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    try
                    {
                        var result = await new VersionCopier(item.Source, item.Target, item.Provider, item.Version, request.DryRun, _transfers, scratch)
                            .CopyAsync(request.Platforms, ct).ConfigureAwait(false);
                        lock (gate) copied.Add(result);
                    }
                    catch (Exception e) when (e is ProviderFailure or OciException)
                    {
                        var message = e is OciException ? $"{item.Provider.ForDisplay()} {item.Version}: copying from {item.Source.Name} to {item.Target.Name} failed: {e.Message}" : e.Message;
                        lock (gate) failures.Add(new CopyFailure(item.Provider, item.Version, CodeOf(e), message));
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }

        return new CopyReport(
            copied.OrderBy(c => c.Provider).ThenBy(c => c.Version).ToList(),
            failures.OrderBy(f => f.Provider).ThenBy(f => f.Version).ToList(),
            request.DryRun);
    }

    private static (IOciRepositoryStore Source, IOciRepositoryStore Target) StoresFor(CopyRequest request, ProviderAddress provider)
    {
        var source = request.Source.Resolve(provider).FirstOrDefault()
            ?? throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror, $"{provider.ForDisplay()}: no oci_mirror of the source configuration handles it; check its include/exclude patterns");
        var target = request.Target.Resolve(provider).FirstOrDefault()
            ?? throw new ProviderFailure(DiagnosticCodes.ProviderNotInMirror, $"{provider.ForDisplay()}: no oci_mirror of the target configuration handles it; check its include/exclude patterns");
        return (source, target);
    }

    private static async Task<IReadOnlyList<ProviderVersion>> VersionsAsync(IOciRepositoryStore source, CopySelection selection, CancellationToken cancellationToken)
    {
        if (selection.Versions.Count > 0) return selection.Versions;
        IReadOnlyList<ProviderVersion> available;
        try
        {
            (available, _) = await ProviderArtifactResolver.ListVersionsAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OciNotFoundException || e is ProviderFailure { Code: DiagnosticCodes.ProviderNotInMirror })
        {
            throw new ProviderFailure(DiagnosticCodes.CopySourceVersionMissing, $"{selection.Provider.ForDisplay()}: not in the copy source: {e.Message}", e);
        }

        var matching = available.Where(selection.Constraints.Allows).ToList();
        if (matching.Count == 0)
        {
            var wanted = selection.Constraints.IsEmpty ? "any version" : $"a version matching \"{selection.Constraints}\"";
            throw new ProviderFailure(DiagnosticCodes.CopySourceVersionMissing,
                $"{selection.Provider.ForDisplay()}: the source {source.Name} has no {wanted} (it has {(available.Count == 0 ? "none" : string.Join(", ", available))})");
        }

        return matching;
    }

    private static string CodeOf(Exception e) => e is ProviderFailure failure ? failure.Code : OciFailures.CodeOf(e);
}
