using Microsoft.CodeAnalysis.CSharp;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Generators.Emitting;

namespace TofuMirror.Generators.Tests;

[TestClass]
public sealed class SnapshotTests
{
    [TestMethod]
    [DataRow(LanguageVersion.Latest, "Latest")]
    [DataRow(LanguageVersion.CSharp7_3, "CSharp7_3")]
    public void ModuleClass_MatchesSnapshot(LanguageVersion version, string suffix)
    {
        var (driver, _, _) = GeneratorHarness.Run(Samples.Module(), version: version);

        Snapshot.Verify("TofuProviders.Infra." + suffix, GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs"));
    }

    [TestMethod]
    [DataRow(LanguageVersion.Latest, "Latest")]
    [DataRow(LanguageVersion.CSharp7_3, "CSharp7_3")]
    public void DescriptorType_MatchesSnapshot(LanguageVersion version, string suffix)
    {
        var (driver, _, _) = GeneratorHarness.Run(Samples.Module(), version: version);

        Snapshot.Verify("TofuProviderDescriptor." + suffix, GeneratorHarness.Generated(driver, DescriptorTypeEmitter.HintName));
    }

    [TestMethod]
    public void ModuleWithoutPlatforms_MatchesSnapshot()
    {
        var files = new[] { new TestFile("/repo/net/.terraform.lock.hcl", Samples.LockFile, "network-core") };

        var (driver, _, _) = GeneratorHarness.Run(files, platforms: null);

        Snapshot.Verify("TofuProviders.NetworkCore.NoPlatforms", GeneratorHarness.Generated(driver, "TofuProviders.NetworkCore.g.cs"));
    }
}
