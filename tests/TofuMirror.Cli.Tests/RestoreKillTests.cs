using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// A restore process killed with SIGKILL in the middle of extracting a Go-style zip while it downloads (the real tool
/// as a child process, the real registry behind a proxy that stalls the blob half-way) leaves no package, no stamp and
/// no blob in the cache (its part file stays until the cache sweep's grace period ends); the next restore sweeps the
/// staging folder it left and installs the package.
/// </summary>
[TestClass]
public sealed class RestoreKillTests
{
    private const string Binary = "terraform-provider-demo_v1.0.0";

    [TestMethod]
    public async Task KilledMidExtraction_LeavesNoPartialPackage_AndTheNextRestoreInstallsIt()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("SIGKILL is a Unix signal");
        RegistryProcess.RequireBinary();
        using var registry = RegistryProcess.Start();
        using var temp = new TempFolder();
        var zip = WriteGoStyleZip(temp.Combine("zips", "terraform-provider-demo_1.0.0_linux_amd64.zip"));
        var template = registry.Host + "/kill/${hostname}/${namespace}/${type}";
        var module = temp.CreateDirectory("module");
        File.WriteAllText(Path.Combine(module, "main.tf"), "terraform {\n  required_providers {\n    demo = { source = \"tofumirror/demo\" }\n  }\n}\n");
        var push = await CliRun.RunAsync(temp.Path, "push", "--provider", "tofumirror/demo", "--repository-template", template, zip);
        Assert.AreEqual(0, push.ExitCode, push.ToString());
        var lockRun = await CliRun.RunAsync(temp.Path, "lock", "--chdir", module, "--repository-template", template, "--platform", "linux_amd64");
        Assert.AreEqual(0, lockRun.ExitCode, lockRun.ToString());

        await using var proxy = await RegistryProxy.StartAsync(registry.Host);
        var halfSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        proxy.Respond = async (context, response) =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal) || context.Request.Headers.Range.Count > 0) return false;
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            halfSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return true;
        };
        var output = temp.Combine("out");
        var cache = temp.Combine("cache");
        var staging = Path.Combine(output, ".tofumirror", "tmp");

        var childOutput = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var child = StartRestore(temp, module, proxy.Host + "/kill/${hostname}/${namespace}/${type}", output, cache, childOutput))
        {
            try
            {
                await Task.WhenAny(halfSent.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
                Assert.IsTrue(halfSent.Task.IsCompleted, "the download never reached the stalling proxy:\n" + string.Join("\n", childOutput));
                Assert.IsTrue(await EventuallyAsync(() => Directory.Exists(staging)
                    && Directory.EnumerateFiles(staging, Binary, SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0)),
                    "the child did not start extracting before the download stalled");
                child.Kill(); // SIGKILL: no finally block, no cleanup
                await child.WaitForExitAsync();
            }
            finally
            {
                if (!child.HasExited) child.Kill();
            }
        }

        var package = Path.Combine(output, "registry.opentofu.org", "tofumirror", "demo");
        Assert.IsFalse(Directory.Exists(package), "a partial package is visible");
        Assert.IsFalse(Directory.Exists(Path.Combine(output, ".tofumirror", "installed")), "a stamp was written");
        Assert.AreEqual(0, Directory.Exists(cache) ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Count(f => !f.Contains(".part-", StringComparison.Ordinal)) : 0,
            "an unverified blob reached the cache");

        var again = await CliRun.RunAsync(temp.Path, "restore", "--chdir", module, "--repository-template", template, "--platform", "linux_amd64",
            "--output", output, "--cache", cache);

        Assert.AreEqual(0, again.ExitCode, again.ToString());
        CollectionAssert.AreEqual(ContentOf(zip, Binary), File.ReadAllBytes(Path.Combine(package, "1.0.0", "linux_amd64", Binary)));
        Assert.AreEqual(0, Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging).Length : 0, "the killed restore's staging folder was not swept");
    }

    private static Process StartRestore(TempFolder temp, string module, string template, string output, string cache,
        System.Collections.Concurrent.ConcurrentQueue<string> lines)
    {
        // The CLI project's own build (this test project's reference builds it): its deps file is the tool's.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var tool = Path.Combine(RepoPaths.Root, "src", "TofuMirror.Cli", "bin", configuration, "net10.0", "tofu-mirror.dll");
        Assert.IsTrue(File.Exists(tool), $"the tool is not at {tool}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { tool, "restore", "--chdir", module, "--repository-template", template, "--platform", "linux_amd64", "--output", output, "--cache", cache },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = temp.Path;
        start.Environment["TF_CLI_CONFIG_FILE"] = Path.Combine(temp.Path, "empty.tofurc");
        File.WriteAllText(start.Environment["TF_CLI_CONFIG_FILE"]!, "");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A release zip as Go writes it (deflated, data descriptors) with a binary of a few MB that deflates like a real one.</summary>
    private static string WriteGoStyleZip(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(5);
        var binary = new byte[8 << 20];
        for (var at = 0; at < binary.Length; at += 4096)
        {
            var block = binary.AsSpan(at, 4096);
            if (random.Next(3) == 0) random.NextBytes(block);
            else block.Fill((byte)(at / 4096));
        }
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var archive = new ZipArchive(new WriteOnlyStream(file), ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry(Binary, CompressionLevel.Optimal);
            entry.ExternalAttributes = (0x8000 | 0b111_101_101) << 16;
            using var stream = entry.Open();
            stream.Write(binary);
        }
        Assert.AreEqual(0x08, File.ReadAllBytes(path)[6] & 0x08, "the zip should have data descriptors");
        return path;
    }

    private static byte[] ContentOf(string zip, string name)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var entry = archive.GetEntry(name)!.Open();
        var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400; i++)
        {
            try
            {
                if (condition()) return true;
            }
            catch (IOException)
            {
            }
            await Task.Delay(25);
        }
        return false;
    }
}
