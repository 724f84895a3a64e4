using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// An exclusive lock on an output folder across processes (several builds restoring into the same folder):
/// a lock file (<c>.tofumirror/lock</c>, left in place) opened without sharing, retried until the other process is done.
/// </summary>
internal sealed class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(FileStream stream) => _stream = stream;

    public static async Task<OutputLock> AcquireAsync(string outputDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputDirectory, ".tofumirror", "lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                // The file stays: deleting it on close would let a waiter that opened it just before (and locks the
                // orphaned file) and a newcomer (that creates a new one) both hold the lock.
                return new OutputLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
