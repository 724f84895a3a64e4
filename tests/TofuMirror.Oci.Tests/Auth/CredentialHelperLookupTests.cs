using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;

namespace TofuMirror.Oci.Tests.Auth;

/// <summary>
/// Which <c>docker-credential-NAME</c> runs. These tests change the process's working directory and
/// PATH, so they run alone.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CredentialHelperLookupTests
{
    private static string NewFolder()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("shell scripts need a Unix shell");
        var folder = Path.Combine(Path.GetTempPath(), "tofumirror-helper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A helper that leaves a marker file behind when it runs and answers with a password.</summary>
    private static string WriteHelper(string folder, string name, string marker)
    {
        var path = Path.Combine(folder, "docker-credential-" + name);
        File.WriteAllText(path, $"#!/bin/sh\ntouch '{marker}'\ncat >/dev/null\necho '{{\"Username\":\"u\",\"Secret\":\"from-{name}\"}}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task InAsync(string workingDirectory, string path, Func<Task> body)
    {
        var oldDirectory = Directory.GetCurrentDirectory();
        var oldPath = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Directory.SetCurrentDirectory(workingDirectory);
            Environment.SetEnvironmentVariable("PATH", path);
            await body();
        }
        finally
        {
            Directory.SetCurrentDirectory(oldDirectory);
            Environment.SetEnvironmentVariable("PATH", oldPath);
        }
    }

    [TestMethod]
    public async Task HelperInTheWorkingDirectoryIsNeverRun()
    {
        var folder = NewFolder();
        var marker = Path.Combine(folder, "ran");
        WriteHelper(folder, "tofumirrorcwd", marker);
        await InAsync(folder, "." + Path.PathSeparator + Path.PathSeparator + "relative-bin" + Path.PathSeparator + "/usr/bin" + Path.PathSeparator + "/bin", async () =>
        {
            var e = await Assert.ThrowsExactlyAsync<OciException>(() => new DockerCredentialHelper("tofumirrorcwd").GetCredentialAsync("r.test", "a", default));
            StringAssert.Contains(e.Message, "docker-credential-tofumirrorcwd");
            StringAssert.Contains(e.Message, "PATH");
        });
        Assert.IsFalse(File.Exists(marker), "the helper in the working directory ran");
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task HelperOnAnAbsolutePathEntryIsRunByFullPath()
    {
        var folder = NewFolder();
        var bin = Path.Combine(folder, "bin");
        Directory.CreateDirectory(bin);
        var marker = Path.Combine(folder, "ran");
        WriteHelper(bin, "tofumirrorpath", marker);
        await InAsync(folder, bin + Path.PathSeparator + "/usr/bin" + Path.PathSeparator + "/bin", async () =>
        {
            var credential = await new DockerCredentialHelper("tofumirrorpath").GetCredentialAsync("r.test", "a", default);
            Assert.AreEqual("from-tofumirrorpath", credential.Password);
        });
        Assert.IsTrue(File.Exists(marker));
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    [DataRow("../evil")]
    [DataRow("")]
    public async Task BadHelperNameIsAClearError(string name)
    {
        var e = await Assert.ThrowsExactlyAsync<OciException>(() => new DockerCredentialHelper(name).GetCredentialAsync("r.test", "a", default));
        StringAssert.Contains(e.Message, "credential helper name");
        Assert.AreEqual("r.test", e.Registry);
    }
}
