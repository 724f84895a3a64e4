using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Restore;

/// <summary>The cross-process lock on an output folder.</summary>
[TestClass]
public sealed class OutputLockTests
{
    private const int ReadWrite = 2; // O_RDWR
    private const int Exclusive = 2; // LOCK_EX
    private const int NonBlocking = 4; // LOCK_NB

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [TestMethod]
    public async Task SecondAcquireWaitsForTheFirst()
    {
        using var temp = new TempFolder();
        var first = await OutputLock.AcquireAsync(temp.Path, default);
        var second = OutputLock.AcquireAsync(temp.Path, default);
        await Task.Delay(300);
        Assert.IsFalse(second.IsCompleted, "the lock was taken twice");
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [TestMethod]
    public async Task WaitingIsCancellable()
    {
        using var temp = new TempFolder();
        using var first = await OutputLock.AcquireAsync(temp.Path, default);
        using var cancel = new CancellationTokenSource(200);
        await Assert.ThrowsAsync<OperationCanceledException>(() => OutputLock.AcquireAsync(temp.Path, cancel.Token));
    }

    /// <summary>
    /// Another process opens the lock file, and only then (after the holder let go) locks it: what every waiter does
    /// between its open() and flock(). A lock file deleted on close lets that process and a newcomer both "hold" it.
    /// </summary>
    [TestMethod]
    public async Task ReleasingDoesNotLetAWaiterAndANewcomerHoldTheLockTogether()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("uses Linux open/flock directly");
            return;
        }
        using var temp = new TempFolder();
        var holder = await OutputLock.AcquireAsync(temp.Path, default);
        var path = Path.Combine(temp.Path, ".tofumirror", "lock");
        var waiter = Open(path, ReadWrite);
        Assert.IsTrue(waiter >= 0, "open failed: " + Marshal.GetLastPInvokeError());
        try
        {
            holder.Dispose();
            Assert.AreEqual(0, Flock(waiter, Exclusive | NonBlocking), "the waiter could not lock after the holder let go");

            var newcomer = OutputLock.AcquireAsync(temp.Path, default);
            await Task.Delay(400);
            Assert.IsFalse(newcomer.IsCompleted, "a newcomer got the lock while the waiter holds it");
            Close(waiter);
            waiter = -1;
            (await newcomer.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        }
        finally
        {
            if (waiter >= 0) Close(waiter);
        }
    }
}
