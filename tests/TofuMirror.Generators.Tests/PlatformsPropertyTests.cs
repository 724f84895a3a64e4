using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Generators.Tests;

/// <summary><c>TofuPlatforms</c> is read by the same parser as the restore task's.</summary>
[TestClass]
public sealed class PlatformsPropertyTests
{
    [TestMethod]
    public void TofuPlatforms_IsSplitOnSemicolonsAndCommas_Deduplicated_AndInvalidEntriesLeftOut()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(Samples.Module(), platforms: " linux_amd64, linux-amd64 ;darwin_arm64;linux_amd64");

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
        var generated = GeneratorHarness.Generated(driver, "TofuProviders.Infra.g.cs");
        StringAssert.Contains(generated, "new string[] { \"linux_amd64\", \"darwin_arm64\" },");
        Assert.DoesNotContain("linux-amd64", generated);
    }
}
