using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Engine.Tests.Registry;

/// <summary>
/// `push` refuses a zip that restore would refuse to extract, before anything of its version reaches the registry: a
/// hostile or broken zip never gets into the mirror to fail every later restore.
/// </summary>
[TestClass]
public sealed class UnrestorableZipPushTests
{
    private static readonly ClassRegistry s_registry = new();

    [ClassCleanup]
    public static void Stop() => s_registry.Dispose();

    [TestMethod]
    [DataRow("escaping", "it contains a \"..\" segment")]
    [DataRow("absolute", "it is an absolute path")]
    [DataRow("case-collision", "only in letter case")]
    [DataRow("not-a-zip", "not a provider zip restore would install")]
    public async Task AZipRestoreWouldRefuse_FailsThePush_AndNothingOfTheVersionIsSent(string kind, string reason)
    {
        using var temp = new TempFolder();
        await using var proxy = await RegistryProxy.StartAsync(s_registry.Process.Host);
        var folder = temp.CreateDirectory("mirror", "registry.opentofu.org", "tofumirror", "demo");
        ProviderZips.Create(folder, "demo", "1.0.0", "darwin_arm64");
        var bad = Path.Combine(folder, "terraform-provider-demo_1.0.0_linux_amd64.zip");
        var binary = ProviderZips.Entries("demo", "1.0.0", "linux_amd64")[0];
        switch (kind)
        {
            case "escaping": ProviderZips.Write(bad, binary, ZipFileEntry.Text("docs/../../outside.txt", "escaped\n")); break;
            case "absolute": ProviderZips.Write(bad, binary, ZipFileEntry.Text("/etc/cron.d/provider", "* * * * * root true\n")); break;
            case "case-collision": ProviderZips.Write(bad, binary, ZipFileEntry.Text("README.md", "a\n"), ZipFileEntry.Text("readme.md", "b\n")); break;
            default: File.WriteAllText(bad, "not a zip\n"); break;
        }
        var home = temp.CreateDirectory("home");
        using var source = MirrorSource.Load(new MirrorSourceOptions(proxy.Host + "/refused/${hostname}/${namespace}/${type}", null, temp.Path),
            ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = home }, home));

        var failure = await Assert.ThrowsExactlyAsync<ProviderFailure>(async () =>
            await new PushJob().RunAsync(new PushRequest(PushSourceReader.Read([temp.Combine("mirror")], null, []), source.Stores!), default));

        Assert.AreEqual(DiagnosticCodes.InvalidPackage, failure.Code);
        StringAssert.Contains(failure.Message, bad);
        StringAssert.Contains(failure.Message, reason);
        Assert.AreEqual(0, proxy.RequestCount, "nothing was sent to the registry, not even darwin_arm64's good package");
    }
}
