using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Restore;

/// <summary>Waiting for the output lock says for whom, gives up in time, and never waits on a disk it cannot write.</summary>
[TestClass]
public sealed class OutputLockWaitTests
{
    [TestMethod]
    public async Task Waiter_NamesTheHolderOnce_AndGivesUpAfterTheTimeout()
    {
        using var temp = new TempFolder();
        using var holder = await OutputLock.AcquireAsync(temp.Path, default);
        var notices = new List<string>();

        var e = await Assert.ThrowsExactlyAsync<OutputLockException>(() =>
            OutputLock.AcquireAsync(temp.Path, TimeSpan.FromSeconds(2), notices.Add, default));

        Assert.HasCount(1, notices);
        StringAssert.Contains(notices[0], $"waiting for restore by PID {Environment.ProcessId} on {Environment.MachineName}");
        StringAssert.Contains(notices[0], "(since ");
        StringAssert.Contains(e.Message, "gave up after");
        StringAssert.Contains(e.Message, $"PID {Environment.ProcessId}");
    }

    [TestMethod]
    public async Task ReadOnlyDisk_FailsAtOnce_WithAClearError()
    {
        using var temp = new TempFolder();
        var mount = temp.Combine("ro");
        Directory.CreateDirectory(mount);
        if (!Run("mount", $"-t tmpfs -o ro,size=1m tmpfs {mount}", out var why))
        {
            Assert.Inconclusive("cannot mount a read-only tmpfs here (root needed): " + why);
            return;
        }
        try
        {
            var attempt = OutputLock.AcquireAsync(mount, default);
            var finished = await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(10)));

            Assert.AreSame(attempt, finished, "it waited on a read-only disk instead of failing");
            var e = await Assert.ThrowsExactlyAsync<OutputLockException>(() => attempt);
            StringAssert.Contains(e.Message, "cannot write to the output folder " + mount);
        }
        finally
        {
            Run("umount", mount, out _);
        }
    }

    private static bool Run(string program, string arguments, out string output)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            output = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            return false;
        }
    }
}
