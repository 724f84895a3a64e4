using System.Collections.Generic;
using System.Linq;
using TofuMirror.Engine.Providers;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Restore;

/// <summary>What happened to one provider package.</summary>
public enum RestoreStatus
{
    /// <summary>Downloaded (or taken from the cache), verified and installed.</summary>
    Installed,

    /// <summary>Already installed with a hash the lock file accepts; nothing was fetched.</summary>
    UpToDate,

    /// <summary>Not installed; see the error.</summary>
    Failed,
}

/// <summary>The outcome for one provider, version and platform.</summary>
public sealed record RestoreItemResult(ProviderAddress Provider, ProviderVersion Version, Platform Platform, RestoreStatus Status)
{
    /// <summary>The installed folder (or zip) in the output.</summary>
    public string? InstalledPath { get; init; }

    /// <summary>Where it came from, when the mirror was asked (null when up to date).</summary>
    public ProviderPackageLocation? Location { get; init; }

    public InstallStamp? Stamp { get; init; }

    /// <summary>True when the zip came over the network rather than from the cache.</summary>
    public bool Downloaded { get; init; }

    /// <summary>True when it was installed from the cache in offline mode, without the mirror confirming it still has the package.</summary>
    public bool Offline { get; init; }

    /// <summary>The problem, as a diagnostic pointing at the provider's block in the lock file.</summary>
    public Diagnostic? Error { get; init; }
}

/// <summary>The result of a restore: every package's outcome, problems that are not about one package, and the files written.</summary>
public sealed record RestoreReport(
    string OutputDirectory,
    string? CliConfigPath,
    IReadOnlyList<RestoreItemResult> Items,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error) && Items.All(i => i.Status != RestoreStatus.Failed);

    /// <summary>Every problem: general diagnostics then per-package errors.</summary>
    public IEnumerable<Diagnostic> AllDiagnostics => Diagnostics.Concat(Items.Where(i => i.Error is not null).Select(i => i.Error!));
}
