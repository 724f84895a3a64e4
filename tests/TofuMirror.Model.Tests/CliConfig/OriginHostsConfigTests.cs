using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Diagnostics;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Diagnostics;
using static TofuMirror.Model.Tests.CliConfig.CliConfigTestHelpers;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class OriginHostsConfigTests
{
    private const string HostAndCredentials = """
        host "Registry.Example.COM" {
          services = {
            "providers.v1" = "http://127.0.0.1:5000/v1/providers/"
          }
        }
        credentials "registry.example.com:443" {
          token = "secret-from-block"
        }
        """;

    [TestMethod]
    public void HostBlockIsKeyedByNormalisedHost()
    {
        var config = LoadText(HostAndCredentials);
        AssertNoErrors(config);
        var block = config.OriginHosts.HostBlockFor("REGISTRY.example.com:443");
        Assert.IsNotNull(block);
        Assert.AreEqual("registry.example.com", block.Host);
        Assert.AreEqual("http://127.0.0.1:5000/v1/providers/", block.Services["providers.v1"]);
        Assert.IsNull(config.OriginHosts.HostBlockFor("other.example.com"));
    }

    [TestMethod]
    public void JsonHostAndCredentialsBlocks()
    {
        var config = LoadText("""
            {"host": {"registry.example.com": {"services": {"providers.v1": "/v1/providers/"}}},
             "credentials": {"registry.example.com": {"token": "json-token"}}}
            """);
        AssertNoErrors(config);
        Assert.AreEqual("/v1/providers/", config.OriginHosts.HostBlockFor("registry.example.com")!.Services["providers.v1"]);
        Assert.AreEqual("json-token", config.OriginHosts.TokenFor("registry.example.com", new FakeEnvironment().Build())!.Token);
    }

    [TestMethod]
    public void CredentialsBlockGivesTheTokenAndItsSourceWithoutTheToken()
    {
        var config = LoadText(HostAndCredentials);
        var token = config.OriginHosts.TokenFor("registry.example.com", new FakeEnvironment().Build());
        Assert.IsNotNull(token);
        Assert.AreEqual("secret-from-block", token.Token);
        Assert.Contains("credentials \"registry.example.com\"", token.Source);
        Assert.DoesNotContain("secret", token.Source);
        Assert.DoesNotContain("secret", config.OriginHosts.Credentials.Values.Single().ToString());
    }

    [TestMethod]
    public void TokenVariableWinsOverCredentialsBlock()
    {
        var config = LoadText(HostAndCredentials);
        var environment = new FakeEnvironment().Variable("TF_TOKEN_registry_example_com", "from-env").Build();
        var token = config.OriginHosts.TokenFor("registry.example.com", environment)!;
        Assert.AreEqual("from-env", token.Token);
        Assert.AreEqual("environment variable TF_TOKEN_registry_example_com", token.Source);
    }

    [TestMethod]
    public void TokenVariableMapsDashesToDoubleUnderscores()
    {
        var environment = new FakeEnvironment().Variable("TF_TOKEN_my__registry_example_com", "dashed").Build();
        Assert.AreEqual("dashed", OriginHostSettings.Empty.TokenFor("My-Registry.example.com", environment)!.Token);
        Assert.IsNull(OriginHostSettings.Empty.TokenFor("my.registry.example.com", environment));
    }

    [TestMethod]
    public void TokenVariableForAnInternationalisedHostIsFoundInPunycodeAndUnicode()
    {
        var punycode = new FakeEnvironment().Variable("TF_TOKEN_xn____bcher__kva_example", "p").Build();
        var unicode = new FakeEnvironment().Variable("TF_TOKEN_bücher_example", "u").Build();
        Assert.AreEqual("p", OriginHostSettings.Empty.TokenFor("Bücher.example", punycode)!.Token);
        Assert.AreEqual("u", OriginHostSettings.Empty.TokenFor("xn--bcher-kva.example", unicode)!.Token);
    }

    [TestMethod]
    public void NoTokenWhenNothingIsConfigured()
    {
        Assert.IsNull(LoadText(HostAndCredentials).OriginHosts.TokenFor("other.example.com", new FakeEnvironment().Build()));
    }

    [TestMethod]
    [DataRow("Example.COM", "example.com")]
    [DataRow("example.com:443", "example.com")]
    [DataRow("example.com:8443", "example.com:8443")]
    [DataRow("Bücher.example", "xn--bcher-kva.example")]
    public void HostNamesNormalise(string given, string expected)
    {
        Assert.IsTrue(ServiceHostName.TryNormalize(given, out var normalized, out var error), error);
        Assert.AreEqual(expected, normalized);
    }

    [TestMethod]
    public void InvalidHostLabelIsAnErrorWithItsLine()
    {
        var config = LoadText("\n\ncredentials \"bad host!\" {\n  token = \"x\"\n}\n");
        AssertSingleError(config, "The credentials \"bad host!\" block has an invalid hostname");
        var error = config.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.InvalidCliConfig, error.Code);
        Assert.AreEqual(3, error.Subject!.Value.Start.Line);
        Assert.AreEqual("/home/user/.tofurc", error.Subject!.Value.FileName);
    }

    [TestMethod]
    public void ServicesThatAreNotAMapAreAnError()
    {
        AssertSingleError(LoadText("host \"example.com\" {\n  services = \"nope\"\n}\n"), "services must be a map");
    }

    [TestMethod]
    public void CredentialsHelperIsRecognisedWithAWarningAndNotRun()
    {
        var config = LoadText("credentials_helper \"credstore\" {\n  args = [\"--host\"]\n}\n");
        AssertNoErrors(config);
        var warning = config.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
        Assert.AreEqual(DiagnosticCodes.CredentialsHelperIgnored, warning.Code);
        Assert.IsNotNull(config.OriginHosts.CredentialsHelper);
    }

    [TestMethod]
    public void LaterFileReplacesAnEarlierFilesBlockForTheSameHost()
    {
        var environment = new FakeEnvironment()
            .File("/a.tfrc", "credentials \"example.com\" {\n  token = \"first\"\n}\n")
            .File("/b.tfrc", "credentials \"EXAMPLE.com\" {\n  token = \"second\"\n}\n")
            .Build();
        var config = CliConfigLoader.LoadFiles(new[] { "/a.tfrc", "/b.tfrc" }, environment);
        AssertNoErrors(config);
        Assert.AreEqual("second", config.OriginHosts.TokenFor("example.com", environment)!.Token);
    }
}
