using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using static TofuMirror.Model.Tests.CliConfig.CliConfigTestHelpers;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class OciMirrorTests
{
    private static OciMirrorMethod Single(string template, string? include = null)
    {
        var config = LoadText(OciConfig(template, include));
        AssertNoErrors(config);
        return (OciMirrorMethod)config.ProviderInstallation!.Methods.Single();
    }

    private static string OciConfig(string template, string? include) =>
        "provider_installation {\n  oci_mirror {\n    repository_template = \"" + template + "\"\n" +
        (include is null ? "" : "    include = [" + include + "]\n") + "  }\n}\n";

    [TestMethod]
    [DataRow("provider-installation-oci")]
    [DataRow("provider-installation-oci.json")]
    public void FourMirrorsMapTheSameProvider(string fixture)
    {
        // Spec cases 1-4.
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        var provider = ProviderAddress.Parse("registry.opentofu.org/opentofu/foo");
        var mapped = config.ProviderInstallation!.Methods.Cast<OciMirrorMethod>().Select(m => m.MapProvider(provider)).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            new OciRepositoryAddress("example.com", "registry.opentofu.org/opentofu/foo"),
            new OciRepositoryAddress("example.net", "opentofu-registry/opentofu/foo"),
            new OciRepositoryAddress("example.net", "opentofu-registry/opentofu-namespace/foo"),
            new OciRepositoryAddress("example.net", "opentofu-registry/opentofu-namespace/foo-type"),
        }, mapped);
        Assert.AreEqual("example.com/registry.opentofu.org/opentofu/foo", mapped[0].ToString());
    }

    [TestMethod]
    [DataRow("provider-installation-oci-missinghostname", "template must refer to the \"hostname\" symbol unless the \"include\" argument selects exactly one registry hostname.")]
    [DataRow("provider-installation-oci-missingnamespace", "template must refer to the \"namespace\" symbol unless the \"include\" argument selects exactly one provider namespace.")]
    [DataRow("provider-installation-oci-missingtype", "template must refer to the \"type\" symbol unless the \"include\" argument selects exactly one provider.")]
    [DataRow("provider-installation-oci-typeerror", "This value does not have any indices")]
    [DataRow("provider-installation-oci-valueerror", "a number is required")]
    public void LoadTimeTemplateErrors(string fixture, string expected)
    {
        // Spec cases 5-9.
        var config = LoadFixture(fixture);
        AssertSingleError(config, expected);
        Assert.IsNull(config.ProviderInstallation!.Methods.FirstOrDefault());
        var subject = config.Diagnostics.Single().Subject!.Value;
        Assert.EndsWith(fixture, subject.FileName);
    }

    [TestMethod]
    public void MissingSymbolMessageNamesTheBodyBrace()
    {
        var config = LoadFixture("provider-installation-oci-missinghostname");
        Assert.AreEqual("Invalid oci_mirror repository template", config.Diagnostics.Single().Summary);
        StringAssert.StartsWith(config.Diagnostics.Single().Detail, "Invalid oci_mirror block at 2:14: ");
    }

    [TestMethod]
    public void DynamicErrorOnlyAtMappingTime()
    {
        // Spec case 10.
        var config = LoadFixture("provider-installation-oci-dynerror");
        AssertNoErrors(config);
        var method = (OciMirrorMethod)config.ProviderInstallation!.Methods.Single();
        Assert.AreEqual(new OciRepositoryAddress("example.com", "okay/hashicorp/aws"), method.MapProvider(ProviderAddress.Parse("example.com/hashicorp/aws")));
        Assert.IsFalse(method.TryMapProvider(ProviderAddress.Parse("example.net/whatever/anything"), out _, out var error));
        StringAssert.StartsWith(error, "selecting OCI repository address: ");
        Assert.Contains("The given key does not identify an element in this collection value", error);
    }

    [TestMethod]
    public void PassthruMapsAsciiAndRejectsNonAsciiRepositories()
    {
        // Spec case 11.
        var config = LoadFixture("provider-installation-oci-passthru");
        AssertNoErrors(config);
        var method = (OciMirrorMethod)config.ProviderInstallation!.Methods.Single();
        Assert.AreEqual(new OciRepositoryAddress("example.org", "registry.opentofu.org/hashicorp/aws"), method.MapProvider(ProviderAddress.Parse("hashicorp/aws")));
        Assert.IsFalse(method.TryMapProvider(ProviderAddress.Parse("example.com/ほげ/ふが"), out _, out var error));
        Assert.AreEqual("selecting OCI repository address: invalid reference: invalid repository \"example.com/ほげ/ふが\"", error);
    }

    [TestMethod]
    public void UnknownSymbolIsReported()
    {
        // Spec case 12.
        var config = LoadText(OciConfig("example.com/${hostname}/${namespace}/${type}/${version}", null));
        AssertSingleError(config, "the symbol \"version\" is not available for an OCI mirror repository address template. Only \"hostname\", \"namespace\", and \"type\" are available.");
    }

    [TestMethod]
    public void UnknownAndRequiredSymbolErrorsAreCollectedTogether()
    {
        var config = LoadText(OciConfig("example.com/${foo}", null));
        var errors = Errors(config);
        Assert.HasCount(4, errors, string.Join("\n", errors));
        Assert.Contains("\"foo\" is not available", errors[0]);
        Assert.Contains("\"hostname\" symbol", errors[1]);
        Assert.Contains("\"namespace\" symbol", errors[2]);
        Assert.Contains("\"type\" symbol", errors[3]);
    }

    [TestMethod]
    public void RegistryOnlyResultLoadsButMapsToEmptyRepository()
    {
        // Spec case 13, first half.
        var method = Single("example.com", "\"example.com/ns/type\"");
        var mapped = method.MapProvider(ProviderAddress.Parse("example.com/ns/type"));
        Assert.IsTrue(mapped.IsRegistryOnly);
        Assert.AreEqual("example.com", mapped.Registry);
    }

    [TestMethod]
    public void TagInResultIsALoadError()
    {
        // Spec case 13, second half.
        var config = LoadText(OciConfig("example.com/x:1.0", "\"example.com/ns/type\""));
        AssertSingleError(config, "template must generate a valid OCI repository address, including a registry hostname followed by a slash and then a repository name.");
    }

    [TestMethod]
    public void PortIsNotATag()
    {
        var method = Single("example.com:5000/${namespace}/${type}", "\"example.com/*/*\"");
        Assert.AreEqual(new OciRepositoryAddress("example.com:5000", "hashicorp/aws"), method.MapProvider(ProviderAddress.Parse("example.com/hashicorp/aws")));
    }

    [TestMethod]
    public void TwoNamespacesRequireTheNamespaceSymbol()
    {
        var config = LoadText(OciConfig("example.com/${type}", "\"a.com/x/*\", \"a.com/y/*\""));
        AssertSingleError(config, "\"namespace\" symbol");
    }

    [TestMethod]
    public void InvalidIncludeSkipsTemplateChecks()
    {
        var config = LoadText(OciConfig("example.com/fixed", "\"*/x/y\""));
        AssertNoErrors(config);
        Assert.IsNotNull(config.ProviderInstallation!.Methods.Single().PatternError);
    }

    [TestMethod]
    public void MissingTemplateIsAnError()
    {
        var config = LoadText("provider_installation {\n  oci_mirror {\n    include = [\"a/b\"]\n  }\n}\n");
        AssertSingleError(config, "Invalid oci_mirror block at 2:14: \"repository_template\" argument is required.");
    }

    [TestMethod]
    public void TemplateSyntaxErrorIsReported()
    {
        var config = LoadText(OciConfig("example.com/${hostname +}/${namespace}/${type}", null));
        Assert.IsTrue(config.HasErrors);
        Assert.HasCount(0, config.ProviderInstallation!.Methods);
    }

    [TestMethod]
    public void HclExpressionsInsideInterpolations()
    {
        var method = Single("example.com/${hostname == \"registry.opentofu.org\" ? \"default\" : hostname}/${namespace}/${type}");
        Assert.AreEqual("default/hashicorp/aws", method.MapProvider(ProviderAddress.Parse("hashicorp/aws")).Repository);
        Assert.AreEqual("other.io/a/b", method.MapProvider(ProviderAddress.Parse("other.io/a/b")).Repository);
    }
}
