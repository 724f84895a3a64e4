using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Locks;
using TofuMirror.Engine.Lock;
using TofuMirror.Engine.Restore;
using TofuMirror.Testing;
using static TofuMirror.Engine.Tests.Jobs.JobFixture;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Jobs;

/// <summary>Lock and restore read a module's files as OpenTofu does: override files merged last, <c>.tofu</c> files included.</summary>
[TestClass]
public sealed class ModuleFileRulesTests
{
    private static readonly ProviderAddress BlorpBar = ProviderAddress.Parse("blorp/bar");
    private static readonly ProviderAddress AcmeBar = ProviderAddress.Parse("acme/bar");
    private static readonly ProviderAddress AcmeFoo = ProviderAddress.Parse("acme/foo");

    private static Task<LockReport> LockAsync(JobFixture fixture) =>
        new LockJob().RunAsync(new LockRequest(fixture.ModuleDirectory, fixture.Stores, [LinuxAmd64], fixture.CacheDirectory), CancellationToken.None);

    private static Task<RestoreReport> RestoreAsync(JobFixture fixture) =>
        new RestoreJob().RunAsync(
            new RestoreRequest(fixture.ModuleDirectory, fixture.Stores, [LinuxAmd64], fixture.OutputDirectory, OutputLayout.Unpacked, fixture.CacheDirectory),
            CancellationToken.None);

    private static LockFile ReadLock(JobFixture fixture)
    {
        var read = LockFileReader.Read(fixture.ReadLock(), fixture.LockFilePath);
        AssertNoErrors(read.Diagnostics);
        return read.LockFile;
    }

    [TestMethod]
    public async Task RequiredProvidersOverrides_LockAndRestoreTheOverriddenProvider()
    {
        using var fixture = new JobFixture();
        var source = Path.Combine(RepoPaths.Conformance, "configs", "valid-modules", "required-providers-overrides");
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(fixture.ModuleDirectory, Path.GetFileName(file)));
        await fixture.PushAsync(BlorpBar, ["1.9.0", "2.0.3", "2.1.0"], [LinuxAmd64]);
        await fixture.PushAsync(AcmeBar, ["9.0.0"], [LinuxAmd64]);
        await fixture.PushAsync(AcmeFoo, ["1.0.0"], [LinuxAmd64]);

        var locked = await LockAsync(fixture);

        Assert.IsTrue(locked.Succeeded, string.Join("\n", locked.Diagnostics));
        var lockFile = ReadLock(fixture);
        CollectionAssert.AreEqual(
            new[] { "registry.opentofu.org/acme/foo 1.0.0", "registry.opentofu.org/blorp/bar 2.0.3" },
            lockFile.Providers.Select(p => p.Address + " " + p.Version).ToArray());
        Assert.AreEqual("~> 2.0.0", lockFile.Find(BlorpBar)!.Constraints!.ToNormalizedString());

        var restored = await RestoreAsync(fixture);

        Assert.IsTrue(restored.Succeeded, string.Join("\n", restored.AllDiagnostics));
        CollectionAssert.AreEquivalent(
            new[] { "registry.opentofu.org/acme/foo 1.0.0", "registry.opentofu.org/blorp/bar 2.0.3" },
            restored.Items.Select(i => i.Provider + " " + i.Version).ToArray());
        Assert.IsTrue(Directory.Exists(FilesystemMirrorLayout.UnpackedDirectory(fixture.OutputDirectory, BlorpBar, ProviderVersion.Parse("2.0.3"), LinuxAmd64)));
        Assert.IsFalse(Directory.Exists(Path.Combine(fixture.OutputDirectory, "registry.opentofu.org", "acme", "bar")));
    }

    [TestMethod]
    public async Task VersionsTofu_IsLockedAndRestoredLikeVersionsTf()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0", "1.1.0", "2.0.0"], [LinuxAmd64]);
        fixture.WriteConfig("~> 1.0");
        var versionsTf = Path.Combine(fixture.ModuleDirectory, "versions.tf");
        Assert.IsTrue((await LockAsync(fixture)).Succeeded);
        var lockedFromTf = fixture.ReadLock();

        File.Move(versionsTf, Path.Combine(fixture.ModuleDirectory, "versions.tofu"));
        File.Delete(fixture.LockFilePath);
        var locked = await LockAsync(fixture);

        Assert.IsTrue(locked.Succeeded, string.Join("\n", locked.Diagnostics));
        Assert.AreEqual(lockedFromTf, fixture.ReadLock());
        StringAssert.Contains(lockedFromTf, "version     = \"1.1.0\"");

        // versions.tofu shadows a versions.tf that asks for a version the mirror does not have.
        File.WriteAllText(versionsTf, File.ReadAllText(Path.Combine(fixture.ModuleDirectory, "versions.tofu")).Replace("~> 1.0", "~> 7.0"));
        var restored = await RestoreAsync(fixture);

        Assert.IsTrue(restored.Succeeded, string.Join("\n", restored.AllDiagnostics));
        var item = restored.Items.Single();
        Assert.AreEqual(Demo, item.Provider);
        Assert.AreEqual("1.1.0", item.Version.ToString());
        Assert.IsTrue(Directory.Exists(FilesystemMirrorLayout.UnpackedDirectory(fixture.OutputDirectory, Demo, ProviderVersion.Parse("1.1.0"), LinuxAmd64)));
    }

    [TestMethod]
    public async Task LocalChildModule_InTofuFiles_IsFollowed()
    {
        using var fixture = new JobFixture();
        await fixture.PushAsync(Demo, ["1.0.0"], [LinuxAmd64]);
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "main.tofu"), "module \"child\" {\n  source = \"./modules/remote\"\n}\n");
        File.WriteAllText(Path.Combine(fixture.ModuleDirectory, "main_override.tofu.json"), "{ \"module\": { \"child\": { \"source\": \"./child\" } } }");
        var child = Directory.CreateDirectory(Path.Combine(fixture.ModuleDirectory, "child")).FullName;
        File.WriteAllText(Path.Combine(child, "versions.tofu"),
            "terraform {\n  required_providers {\n    demo = {\n      source  = \"example/demo\"\n      version = \"1.0.0\"\n    }\n  }\n}\n");

        var locked = await LockAsync(fixture);

        Assert.IsTrue(locked.Succeeded, string.Join("\n", locked.Diagnostics));
        Assert.AreEqual(Demo, ReadLock(fixture).Providers.Single().Address);
    }
}
