using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// An exclusive lock on an output folder across processes (several builds restoring into the same folder):
/// a lock file (<c>.tofumirror/lock</c>, left in place) opened without sharing, retried until the other process is
/// done or <c>timeout</c> runs out. The holder records who it is beside it (<see cref="OutputLockHolder"/>), so a
/// waiter can say whom it waits for. Any other failure to open the file (a read-only disk) fails at once.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    /// <summary>How long a restore waits for another one into the same folder by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private readonly FileStream _stream;

    private OutputLock(FileStream stream) => _stream = stream;

    public static Task<OutputLock> AcquireAsync(string outputDirectory, CancellationToken cancellationToken) =>
        AcquireAsync(outputDirectory, DefaultTimeout, waiting: null, cancellationToken);

    /// <summary>Takes the lock; <paramref name="waiting"/> is told once, with whom it waits for, when someone else holds it.</summary>
    public static async Task<OutputLock> AcquireAsync(string outputDirectory, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(outputDirectory, ".tofumirror");
        var path = Path.Combine(directory, "lock");
        var started = DateTimeOffset.UtcNow;
        var delay = TimeSpan.FromMilliseconds(50);
        string? waitedFor = null;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(directory);
                // The file stays: deleting it on close would let a waiter that opened it just before (and locks the
                // orphaned file) and a newcomer (that creates a new one) both hold the lock.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                OutputLockHolder.Record(directory);
                return new OutputLock(stream);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                if (waitedFor is null)
                {
                    waitedFor = OutputLockHolder.Describe(directory);
                    waiting?.Invoke($"waiting for {waitedFor} to finish with {outputDirectory}");
                }
                if (DateTimeOffset.UtcNow - started >= timeout)
                    throw new OutputLockException(
                        $"gave up after {timeout.TotalMinutes:0.#} minute(s) waiting for {waitedFor} to finish with {outputDirectory}; " +
                        $"if that process is gone, something else holds {path}: stop it, or restore into another folder");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OutputLockException($"cannot write to the output folder {outputDirectory} ({e.Message}); restore needs a writable folder: " +
                    "check the disk is not read-only and the folder's permissions, or choose another output folder", e);
            }
        }
    }

    /// <summary>A sharing violation (Windows) or a lock another open file holds (EWOULDBLOCK on Unix), not a disk problem.</summary>
    private static bool IsHeldElsewhere(IOException e) =>
        (e.HResult & 0xFFFF) is 32 or 33 || (!OperatingSystem.IsWindows() && e.HResult is 11 or 35);

    public void Dispose() => _stream.Dispose();
}

/// <summary>The output lock could not be taken: held too long by another restore, or the folder is not writable.</summary>
internal sealed class OutputLockException : IOException
{
    public OutputLockException(string message, Exception? inner = null) : base(message, inner) { }
}
