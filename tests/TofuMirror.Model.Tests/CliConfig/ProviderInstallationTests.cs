using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using static TofuMirror.Model.Tests.CliConfig.CliConfigTestHelpers;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class ProviderInstallationTests
{
    [TestMethod]
    [DataRow("provider-installation")]
    [DataRow("provider-installation.json")]
    public void AllMethodsAndDevOverrides(string fixture)
    {
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        var pi = config.ProviderInstallation!;
        Assert.HasCount(4, pi.Methods);

        var fs1 = (FilesystemMirrorMethod)pi.Methods[0];
        Assert.AreEqual("/tmp/example1", fs1.Path);
        CollectionAssert.AreEqual(new[] { "example.com/*/*" }, fs1.Include.Select(p => p.ToString()).ToArray());

        var net = (NetworkMirrorMethod)pi.Methods[1];
        Assert.AreEqual("https://tf-Mirror.example.com/", net.Url);
        Assert.IsNull(net.UrlError);
        CollectionAssert.AreEqual(new[] { "registry.opentofu.org/*/*" }, net.Include.Select(p => p.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { "registry.opentofu.org/foobar/*" }, net.Exclude.Select(p => p.ToString()).ToArray());
        CollectionAssert.AreEqual(new[] { "registry.OpenTofu.org/foobar/*" }, net.ExcludeText.ToArray());
        Assert.AreEqual(2, net.DownloadRetryCount);
        Assert.IsTrue(net.TrustAllHashes);

        var fs2 = (FilesystemMirrorMethod)pi.Methods[2];
        Assert.AreEqual("/tmp/example2", fs2.Path);
        Assert.HasCount(0, fs2.Include);

        var direct = (DirectMethod)pi.Methods[3];
        CollectionAssert.AreEqual(new[] { "example.com/*/*" }, direct.Exclude.Select(p => p.ToString()).ToArray());
        Assert.AreEqual(3, direct.DownloadRetryCount);

        Assert.HasCount(2, pi.DevOverrides);
        Assert.AreEqual("/tmp/boop", pi.DevOverrides[ProviderAddress.Parse("hashicorp/boop")]);
        Assert.AreEqual("/tmp/blorp", pi.DevOverrides[ProviderAddress.Parse("hashicorp/blorp")]);
    }

    [TestMethod]
    public void MethodsFilterProviders()
    {
        var pi = LoadFixture("provider-installation").ProviderInstallation!;
        var foobar = ProviderAddress.Parse("foobar/thing");
        var random = ProviderAddress.Parse("hashicorp/random");
        var example = ProviderAddress.Parse("example.com/x/y");
        Assert.IsFalse(pi.Methods[1].Handles(foobar));
        Assert.IsTrue(pi.Methods[1].Handles(random));
        Assert.IsTrue(pi.Methods[0].Handles(example));
        Assert.IsFalse(pi.Methods[3].Handles(example));
        Assert.IsTrue(pi.Methods[3].Handles(random));
    }

    [TestMethod]
    public void ErrorsFixtureGivesExactlySevenErrorsInOrder()
    {
        var config = LoadFixture("provider-installation-errors");
        var errors = Errors(config);
        var expected = new[]
        {
            "Invalid provider_installation method block: Unknown provider installation method \"not_a_thing\" at 2:3.",
            "Invalid provider_installation method block: Invalid filesystem_mirror block at 1:1: \"path\" argument is required.",
            "Invalid provider_installation method block: Invalid network_mirror block at 1:1: \"url\" argument is required.",
            "Invalid provider_installation method block: The items inside the provider_installation block at 1:1 must all be blocks.",
            "Invalid provider_installation method block: The blocks inside the provider_installation block at 1:1 may not have any labels.",
            "Invalid provider_installation block: The provider_installation block at 9:1 must not have any labels.",
            "Invalid provider_installation block: The provider_installation block at 11:1 must not be introduced with an equals sign.",
        };
        // Spec case 44: the seven per-file errors in order. Two blocks decoded, so the merged configuration
        // also fails OpenTofu's validation (one provider_installation block at most).
        CollectionAssert.AreEqual(expected, errors.Take(7).ToArray(), string.Join("\n", errors));
        CollectionAssert.AreEqual(new[] { "No more than one provider_installation block may be specified" }, errors.Skip(7).ToArray());
        Assert.IsTrue(config.Diagnostics.All(d => d.Code == DiagnosticCodes.InvalidCliConfig));
        // Subjects point at the offending item in the file.
        Assert.AreEqual(2, config.Diagnostics[0].Subject!.Value.Start.Line);
        Assert.AreEqual(3, config.Diagnostics[1].Subject!.Value.Start.Line);
        Assert.AreEqual(11, config.Diagnostics[6].Subject!.Value.Start.Line);
        Assert.EndsWith("provider-installation-errors", config.Diagnostics[6].Subject!.Value.FileName);
    }

    [TestMethod]
    public void DevOverridesMustComeFirst()
    {
        var config = LoadText("provider_installation {\n  direct {}\n  dev_overrides {\n    \"a/b\" = \"/x\"\n  }\n}\n");
        AssertSingleError(config, "The dev_overrides block at at 3:3 must appear before all other installation methods");
    }

    [TestMethod]
    public void BadDevOverrideKey()
    {
        var config = LoadText("provider_installation {\n  dev_overrides {\n    \"not/a/valid/addr\" = \"/x\"\n  }\n}\n");
        var errors = Errors(config);
        Assert.HasCount(1, errors);
        StringAssert.StartsWith(errors[0], "Invalid provider installation dev overrides: The entry \"not/a/valid/addr\" in 1:1 is not a valid provider source string.");
    }

    [TestMethod]
    public void OnlyDevOverridesMeansNoMethods()
    {
        var config = LoadText("provider_installation {\n  dev_overrides {\n    \"a/b\" = \"./rel/../dir/\"\n  }\n}\n");
        AssertNoErrors(config);
        Assert.HasCount(0, config.ProviderInstallation!.Methods);
        Assert.AreEqual("dir", config.ProviderInstallation.DevOverrides.Values.Single());
    }

    [TestMethod]
    public void IncludeMustBeAList()
    {
        var config = LoadText("provider_installation {\n  direct {\n    include = \"x\"\n  }\n}\n");
        AssertSingleError(config, "Invalid direct block at 1:1: At 3:15: unknown slice type: *ast.LiteralType.");
    }

    [TestMethod]
    public void EmptyIncludeBehavesAsNoInclude()
    {
        var config = LoadText("provider_installation {\n  direct {\n    include = []\n  }\n}\n");
        AssertNoErrors(config);
        Assert.IsTrue(config.ProviderInstallation!.Methods[0].Handles(ProviderAddress.Parse("hashicorp/aws")));
    }

    [TestMethod]
    public void BadPatternsAreReportedWhenSourcesAreBuiltNotAtLoad()
    {
        // Spec case 45.
        var config = LoadText("provider_installation {\n  direct {\n    include = [\"*/hashicorp/*\"]\n  }\n}\n");
        AssertNoErrors(config);
        var method = config.ProviderInstallation!.Methods[0];
        Assert.IsFalse(method.TryGetSelector(out _, out var error));
        Assert.Contains("hostname can be a wildcard only if both namespace and provider type are also wildcards", error);
    }

    [TestMethod]
    public void TwoSegmentPatternMeansDefaultRegistry()
    {
        // Spec case 46.
        var config = LoadText("provider_installation {\n  direct {\n    include = [\"hashicorp/*\"]\n  }\n}\n");
        Assert.AreEqual("registry.opentofu.org/hashicorp/*", config.ProviderInstallation!.Methods[0].Include.Single().ToString());
    }

    [TestMethod]
    public void NetworkMirrorMustBeHttps()
    {
        var config = LoadText("provider_installation {\n  network_mirror {\n    url = \"http://example.com/\"\n  }\n}\n");
        AssertNoErrors(config);
        Assert.AreEqual("Cannot use \"http://example.com/\" as a URL for a network provider mirror: the mirror must be at an https: URL.",
            ((NetworkMirrorMethod)config.ProviderInstallation!.Methods[0]).UrlError);
    }

    [TestMethod]
    public void UnknownTopLevelBlocksAreIgnored()
    {
        var config = LoadText("host \"example.com\" {\n  services = {}\n}\ncredentials \"x\" {\n  token = \"y\"\n}\ndisable_checkpoint = true\n");
        AssertNoErrors(config);
        Assert.IsNull(config.ProviderInstallation);
    }

    [TestMethod]
    public void SyntaxErrorsNameTheFileAndPosition()
    {
        var config = LoadText("provider_installation {\n  direct {\n", "/etc/x.tfrc");
        var d = config.Diagnostics.Single();
        Assert.AreEqual(DiagnosticCodes.SyntaxError, d.Code);
        Assert.AreEqual("Error parsing /etc/x.tfrc: At 3:1: object expected closing RBRACE got: EOF", d.Summary);
    }
}
