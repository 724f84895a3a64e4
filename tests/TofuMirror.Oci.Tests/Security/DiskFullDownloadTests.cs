using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Oci.Tests.Security;

/// <summary>A full local disk is this machine's problem: it is reported as such, never resumed or blamed on the registry.</summary>
[TestClass]
public sealed class DiskFullDownloadTests
{
    private const int Enospc = 28;

    /// <summary>Takes some bytes, then fails as a full disk does (part of the last write may have landed).</summary>
    private sealed class FillingStream(int capacity) : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Length + buffer.Length <= capacity) return base.WriteAsync(buffer, cancellationToken);
            base.Write(buffer.Span[..(capacity - (int)Length)]);
            throw new IOException("No space left on device", Enospc);
        }
    }

    [TestMethod]
    public async Task FullDestination_IsADiskError_NotCorruptContent()
    {
        var blob = TestContent.RandomBytes(300_000, 7);
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.ContentLength = blob.Length;
            await context.Response.Body.WriteAsync(blob);
        });
        using var factory = new OciClientFactory(TestContent.FastOptions);
        var descriptor = new Descriptor(MediaTypes.ZipArchive, Digest.Compute(blob), blob.Length);

        var e = await Assert.ThrowsExactlyAsync<DownloadWriteException>(() =>
            factory.CreateRepository(server.Host, "a/b").FetchBlobAsync(descriptor, new FillingStream(100_000), default));

        StringAssert.StartsWith(e.Message, "no space left on device writing ");
        Assert.AreEqual(1, requests, "a full disk is not a broken download to resume");
    }

    [TestMethod]
    public async Task FullTmpfs_NamesTheFile()
    {
        using var temp = new TempFolder();
        var mount = temp.Combine("small");
        Directory.CreateDirectory(mount);
        if (!TryMountTmpfs(mount, out var why))
        {
            Assert.Inconclusive("cannot mount a 1 MiB tmpfs here (" + why + "); FullDestination_IsADiskError_NotCorruptContent covers the same path");
            return;
        }
        try
        {
            var blob = TestContent.RandomBytes(3 * 1024 * 1024, 8);
            await using var server = await LoopbackServer.StartAsync(async context =>
            {
                context.Response.ContentLength = blob.Length;
                await context.Response.Body.WriteAsync(blob);
            });
            using var factory = new OciClientFactory(TestContent.FastOptions);
            var descriptor = new Descriptor(MediaTypes.ZipArchive, Digest.Compute(blob), blob.Length);
            var target = Path.Combine(mount, "blob.zip");

            var e = await Assert.ThrowsExactlyAsync<DownloadWriteException>(() =>
                factory.CreateRepository(server.Host, "a/b").FetchBlobToFileAsync(descriptor, target, default));

            StringAssert.StartsWith(e.Message, "no space left on device writing " + target + ".part-");
            Assert.AreEqual(0, Directory.GetFiles(mount).Length, "the part file is removed");
        }
        finally
        {
            Run("umount", mount, out _);
        }
    }

    private static bool TryMountTmpfs(string directory, out string why) =>
        Run("mount", $"-t tmpfs -o size=1m tmpfs {directory}", out why);

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
