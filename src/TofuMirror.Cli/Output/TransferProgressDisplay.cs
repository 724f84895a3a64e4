using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Spectre.Console;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Restore;

namespace TofuMirror.Cli.Output;

/// <summary>
/// The live display on stderr while packages transfer: one row per package in flight (bytes done/total, rate) and an
/// overall row (packages done, bytes, rate). Rows of finished packages go away; the whole display is cleared at the end.
/// </summary>
internal sealed class TransferProgressDisplay : IProgress<TransferEvent>
{
    private readonly ProgressContext _context;
    private readonly object _gate = new();
    private readonly Dictionary<PackageIdentity, (ProgressTask Task, long Done)> _inFlight = new();
    private readonly HashSet<PackageIdentity> _transferred = new();
    private ProgressTask? _overall;
    private int _started;
    private int _finished;
    private int _expected;
    private int _settled;

    private TransferProgressDisplay(ProgressContext context) => _context = context;

    /// <summary>
    /// Runs <paramref name="work"/> with a live display when <paramref name="show"/> (see <see cref="ProgressPolicy"/>),
    /// else plainly with no progress sink. <paramref name="work"/> gets the console to write its lines to: while the
    /// display is live, lines written there print above it.
    /// </summary>
    public static async Task<T> RunAsync<T>(CliConsole console, bool show, Func<CliConsole, IProgress<TransferEvent>?, Task<T>> work)
    {
        if (!show) return await work(console, null).ConfigureAwait(false);

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.TerminalError),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        var lines = new TerminalLineWriter(terminal);
        return await terminal.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn())
            .StartAsync(context => work(console.WithError(lines), new TransferProgressDisplay(context)))
            .ConfigureAwait(false);
    }

    public void Report(TransferEvent value)
    {
        lock (_gate)
        {
            switch (value.Stage)
            {
                case TransferStage.Started:
                    Start(value);
                    break;
                case TransferStage.Advanced:
                    Advance(value);
                    break;
                default:
                    Finish(value);
                    break;
            }
        }
    }

    /// <summary>
    /// How many packages the whole run handles, transferred or not (restore's planned count): the overall row counts
    /// against it instead of only the transfers started so far.
    /// </summary>
    public void Expect(int packages)
    {
        lock (_gate)
        {
            _expected = packages;
            if (_overall is not null) DescribeOverall();
        }
    }

    /// <summary>A package the run has finished with; one it did not transfer (up to date, from the cache, failed before downloading) counts as done.</summary>
    public void Settled(PackageIdentity package)
    {
        lock (_gate)
        {
            if (_transferred.Contains(package)) return;
            _settled++;
            if (_overall is not null) DescribeOverall();
        }
    }

    private void Start(TransferEvent value)
    {
        _started++;
        _transferred.Add(value.Package);
        _overall ??= _context.AddTask("overall", maxValue: 0);
        _overall.MaxValue += value.TotalBytes;
        var verb = value.Direction == TransferDirection.Upload ? "push" : "pull";
        var task = _context.AddTaskBefore(Markup.Escape($"{verb} {value.Package}"), _overall, maxValue: Math.Max(1, value.TotalBytes));
        _inFlight[value.Package] = (task, 0);
        DescribeOverall();
    }

    private void Advance(TransferEvent value)
    {
        if (!_inFlight.TryGetValue(value.Package, out var entry)) return;
        entry.Task.Value = value.BytesDone;
        _overall!.Increment(value.BytesDone - entry.Done);
        _inFlight[value.Package] = (entry.Task, value.BytesDone);
    }

    private void Finish(TransferEvent value)
    {
        if (!_inFlight.Remove(value.Package, out var entry)) return;
        _context.RemoveTask(entry.Task);
        // Bytes that never moved (the mirror had the blob, or the transfer failed) leave the overall total.
        _overall!.MaxValue -= value.TotalBytes - entry.Done;
        _finished++;
        if (_inFlight.Count == 0) _overall.MaxValue = _overall.Value = Math.Max(1, _overall.Value);
        DescribeOverall();
    }

    private void DescribeOverall() =>
        _overall!.Description = $"overall: {_finished + _settled}/{Math.Max(_expected, _started + _settled)} packages";
}
