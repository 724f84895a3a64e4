using System;
using System.IO;
using System.Threading.Tasks;
using TofuMirror.Engine.Restore;

namespace TofuMirror.Engine.Progress;

/// <summary>Reports one package's transfer to a progress sink: counts the bytes that pass through its streams.</summary>
internal sealed class PackageTransfer
{
    private readonly IProgress<TransferEvent> _sink;
    private readonly PackageIdentity _package;
    private readonly TransferDirection _direction;
    private readonly long _totalBytes;
    private long _bytesDone;
    private bool _ended;

    private PackageTransfer(IProgress<TransferEvent> sink, PackageIdentity package, TransferDirection direction, long totalBytes)
    {
        _sink = sink;
        _package = package;
        _direction = direction;
        _totalBytes = totalBytes;
    }

    /// <summary>Reports the start; null (nothing to report to) when <paramref name="sink"/> is null.</summary>
    public static PackageTransfer? Start(IProgress<TransferEvent>? sink, PackageIdentity package, TransferDirection direction, long totalBytes)
    {
        if (sink is null) return null;
        var transfer = new PackageTransfer(sink, package, direction, totalBytes);
        transfer.Report(TransferStage.Started);
        return transfer;
    }

    /// <summary>Runs <paramref name="transfer"/> between a Started and a Completed (or, when it throws, a Failed) event.</summary>
    public static async Task<T> TrackAsync<T>(IProgress<TransferEvent>? sink, PackageIdentity package, TransferDirection direction, long totalBytes,
        Func<PackageTransfer?, Task<T>> transfer)
    {
        var tracked = Start(sink, package, direction, totalBytes);
        try
        {
            var result = await transfer(tracked).ConfigureAwait(false);
            tracked?.Complete();
            return result;
        }
        catch
        {
            tracked?.Fail();
            throw;
        }
    }

    /// <summary><paramref name="destination"/>, reporting every write as progress.</summary>
    public Stream CountingWrites(Stream destination) => new CountingStream(destination, Advance);

    /// <summary><paramref name="source"/>, reporting every read as progress.</summary>
    public Stream CountingReads(Stream source) => new CountingStream(source, Advance);

    public void Complete() => End(TransferStage.Completed);

    public void Fail() => End(TransferStage.Failed);

    private void Advance(int bytes)
    {
        if (bytes <= 0) return;
        _bytesDone += bytes;
        Report(TransferStage.Advanced);
    }

    private void End(TransferStage stage)
    {
        if (_ended) return;
        _ended = true;
        Report(stage);
    }

    private void Report(TransferStage stage) => _sink.Report(new TransferEvent(_package, _direction, stage, _bytesDone, _totalBytes));
}
