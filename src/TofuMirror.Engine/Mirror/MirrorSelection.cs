using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Modules;
using TofuMirror.Engine.Origin;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Mirror;

/// <summary>One provider version to mirror, with the origin serving it and the platforms that origin lists for it.</summary>
internal sealed record MirrorTarget(ProviderAddress Provider, ProviderVersion Version, IProviderOrigin Origin, IReadOnlyList<Platform> OriginPlatforms);

/// <summary>
/// Which provider versions to mirror. From each module: every provider it requires (child modules included) or its lock
/// file records, with the constraints of all its requirements; the locked version while the constraints allow it and the
/// origin has it, else the newest allowed (<see cref="VersionSelector"/>, as <c>tofu init</c> chooses). From the command
/// line: the newest version the constraints allow. With <see cref="MirrorRequest.AllVersions"/>: every allowed version.
/// </summary>
internal static class MirrorSelection
{
    private sealed record Wish(ProviderAddress Provider, VersionConstraints Constraints, ProviderVersion? Locked);

    public static async Task<(IReadOnlyList<MirrorTarget> Targets, IReadOnlyList<MirroredVersion> Failures)> SelectAsync(
        MirrorRequest request, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var wishes = new List<Wish>();
        foreach (var directory in request.ModuleDirectories)
            wishes.AddRange(FromModule(directory, diagnostics));
        wishes.AddRange(request.Providers.Select(p => new Wish(p.Provider, p.Constraints, null)));

        var targets = new Dictionary<(ProviderAddress, ProviderVersion), MirrorTarget>();
        var failures = new List<MirroredVersion>();
        var listed = new Dictionary<ProviderAddress, IReadOnlyList<OriginVersion>>();
        foreach (var wish in wishes.Where(w => !w.Provider.IsBuiltIn))
        {
            try
            {
                var origin = await request.Origins.ResolveAsync(wish.Provider, cancellationToken).ConfigureAwait(false);
                if (!listed.TryGetValue(wish.Provider, out var offered))
                    listed[wish.Provider] = offered = await origin.ListVersionsAsync(wish.Provider, cancellationToken).ConfigureAwait(false);
                foreach (var version in Choose(wish, offered, request.AllVersions, origin))
                {
                    var platforms = offered.First(v => v.Version.Equals(version)).Platforms;
                    targets.TryAdd((wish.Provider, version), new MirrorTarget(wish.Provider, version, origin, platforms));
                }
            }
            catch (OriginException e)
            {
                failures.Add(new MirroredVersion(wish.Provider, null, null, null, null, [],
                    Diagnostic.Error($"Cannot mirror {wish.Provider.ForDisplay()}", e.Message, null) with { Code = e.Code }));
            }
        }
        return (targets.Values.OrderBy(t => t.Provider).ThenBy(t => t.Version).ToList(), failures);
    }

    private static IEnumerable<ProviderVersion> Choose(Wish wish, IReadOnlyList<OriginVersion> offered, bool allVersions, IProviderOrigin origin)
    {
        var available = offered.Select(v => v.Version).ToList();
        var chosen = allVersions
            ? available.Where(wish.Constraints.Allows).ToList()
            : VersionSelector.Select(wish.Constraints, wish.Locked, available, out _) is { } one ? [one] : [];
        if (chosen.Count > 0) return chosen;
        var constraints = wish.Constraints.IsEmpty ? "(no constraints)" : wish.Constraints.ToNormalizedString();
        throw new OriginException(DiagnosticCodes.NoOriginVersionAllowed,
            $"no version of {wish.Provider.ForDisplay()} that {origin.DisplayName} offers matches \"{constraints}\" " +
            $"(it offers: {(available.Count == 0 ? "no versions" : string.Join(", ", available.OrderBy(v => v)))}).");
    }

    private static IEnumerable<Wish> FromModule(string directory, List<Diagnostic> diagnostics)
    {
        var module = ModuleLoader.Load(directory);
        diagnostics.AddRange(module.Diagnostics);
        if (module.HasErrors) return [];
        return module.Requirements.Providers
            .Union(module.LockFile.Providers.Select(p => p.Address))
            .Distinct()
            .Select(address =>
            {
                var requirements = module.Requirements.For(address).ToList();
                var locked = module.LockFile.Find(address);
                var constraints = requirements.Count > 0
                    ? VersionConstraints.Intersect(requirements.Select(r => r.Constraints ?? VersionConstraints.None))
                    : locked?.Constraints ?? VersionConstraints.None;
                return new Wish(address, constraints, locked?.Version);
            })
            .ToList();
    }
}
