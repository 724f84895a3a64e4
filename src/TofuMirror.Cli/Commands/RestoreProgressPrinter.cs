using System;
using System.Linq;
using System.Threading;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Restore;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// One line per finished package on stderr, then a summary. In Azure Pipelines the package lines are folded into a
/// <c>##[group]</c> and, when the number of packages is known, each finished package reports
/// <c>##vso[task.setprogress]</c>.
/// </summary>
internal sealed class RestoreProgressPrinter : IProgress<RestoreItemResult>
{
    private readonly CliConsole _console;
    private readonly DiagnosticReporter _reporter;
    private readonly bool _quiet;
    private readonly TransferProgressDisplay? _display;
    private readonly object _gate = new();
    private int _total;
    private int _done;
    private bool _groupOpen;

    // total: how many packages the restore will report (lock entries x platforms); 0 when unknown (no setprogress then).
    // display: the live transfer display, whose overall row then counts every package, downloaded or not.
    public RestoreProgressPrinter(CliConsole console, DiagnosticReporter reporter, bool quiet, int total = 0, TransferProgressDisplay? display = null)
    {
        _console = console;
        _reporter = reporter;
        _quiet = quiet;
        _total = total;
        _display = display;
    }

    /// <summary>How many packages the restore will handle (for pipeline progress and the live display).</summary>
    public void Planned(int total)
    {
        _total = total;
        _display?.Expect(total);
    }

    public void Report(RestoreItemResult item)
    {
        _display?.Settled(new PackageIdentity(item.Provider, item.Version, item.Platform));
        var done = Interlocked.Increment(ref _done);
        if (_quiet) return;
        lock (_gate)
        {
            if (_console.IsAzurePipelines) ReportToPipeline(done);
            var name = $"{item.Provider.ForDisplay()} {item.Version} ({item.Platform})";
            switch (item.Status)
            {
                case RestoreStatus.Installed:
                    var source = item.Downloaded ? "downloaded" : item.Offline ? "from cache (offline: the mirror was not asked)" : "from cache";
                    _console.Error.WriteLine($"  installed  {name}  {Size(item.Stamp?.Size ?? 0)} {source}, {item.Stamp?.H1 ?? item.Stamp?.Zh}");
                    break;
                case RestoreStatus.UpToDate:
                    _console.Error.WriteLine($"  up to date {name}");
                    break;
                default:
                    _reporter.Report(item.Error!);
                    break;
            }
        }
    }

    private void ReportToPipeline(int done)
    {
        if (!_groupOpen)
        {
            _console.WriteErrorCommand("##[group]tofu-mirror restore: packages");
            _groupOpen = true;
        }
        if (_total > 0)
            _console.WriteCommand(AzurePipelinesCommands.SetProgress(Math.Min(100, done * 100 / _total), "tofu-mirror restore"));
    }

    public void PrintSummary(RestoreReport report, string moduleDirectory)
    {
        lock (_gate)
        {
            if (_groupOpen) _console.WriteErrorCommand("##[endgroup]");
            _groupOpen = false;
        }
        var installed = report.Items.Count(i => i.Status == RestoreStatus.Installed);
        var upToDate = report.Items.Count(i => i.Status == RestoreStatus.UpToDate);
        var failed = report.Items.Count(i => i.Status == RestoreStatus.Failed);
        _console.Error.WriteLine($"restore: {installed} installed, {upToDate} up to date, {failed} failed -> {_reporter.DisplayPath(report.OutputDirectory)}");
        if (report.CliConfigPath is { } rc && report.Succeeded)
            _console.Error.WriteLine("use it with: " + TofuInitHint.For(rc, moduleDirectory, _console.CurrentDirectory, _reporter.DisplayPath(moduleDirectory)));
    }

    private static string Size(long bytes) => ByteSize.Format(bytes);
}
