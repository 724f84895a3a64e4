using TofuMirror.Engine.Restore;

namespace TofuMirror.Engine.Progress;

/// <summary>Which way a package's bytes move.</summary>
public enum TransferDirection
{
    /// <summary>From the mirror (restore, lock).</summary>
    Download,

    /// <summary>Into the mirror (push).</summary>
    Upload,
}

/// <summary>Where a package transfer is.</summary>
public enum TransferStage
{
    /// <summary>The transfer begins; <see cref="TransferEvent.TotalBytes"/> is the package size.</summary>
    Started,

    /// <summary>More bytes have moved; <see cref="TransferEvent.BytesDone"/> counts them all so far.</summary>
    Advanced,

    /// <summary>All bytes moved and verified, or nothing needed to move (the mirror had the blob).</summary>
    Completed,

    /// <summary>The transfer stopped with an error (reported by the job as usual).</summary>
    Failed,
}

/// <summary>
/// One step of one provider package's transfer, as the jobs report it to an <see cref="System.IProgress{T}"/> sink while
/// the bytes move. Events of one package arrive in order (Started, Advanced…, Completed or Failed), from any thread;
/// events of different packages interleave.
/// </summary>
public readonly record struct TransferEvent(
    PackageIdentity Package, TransferDirection Direction, TransferStage Stage, long BytesDone, long TotalBytes);
