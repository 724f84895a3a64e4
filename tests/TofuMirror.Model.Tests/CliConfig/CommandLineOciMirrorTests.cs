using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Tests.CliConfig;

/// <summary>--repository-template and --include: OpenTofu's oci_mirror rules, with errors that name the options.</summary>
[TestClass]
public sealed class CommandLineOciMirrorTests
{
    private static (OciMirrorMethod? Method, List<Diagnostic> Diagnostics) Load(string template, params string[] include)
    {
        var diagnostics = new List<Diagnostic>();
        return (CommandLineOciMirror.Load(template, include, diagnostics), diagnostics);
    }

    [TestMethod]
    [DataRow("registry.example.com/providers/${namespace}/${type}", "template must refer to ${hostname} unless --include pins one hostname")]
    [DataRow("registry.example.com/providers/${hostname}/${type}", "template must refer to ${namespace} unless --include pins one namespace")]
    [DataRow("registry.example.com/providers/${hostname}/${namespace}", "template must refer to ${type} unless --include pins one provider type")]
    [DataRow("registry.example.com/${hostname}/${region}/${namespace}/${type}", "the template refers to ${region}; only ${hostname}, ${namespace} and ${type} are available")]
    [DataRow("registry.example.com:xx/${hostname}/${namespace}/${type}", "the template must give a registry hostname, a slash and a repository name")]
    [DataRow("registry.example.com/${hostname}/${namespace", "Unclosed template interpolation sequence at column 34.")]
    public void BadTemplate_IsReportedAgainstTheOption_WithoutABlockPosition(string template, string expected)
    {
        var (method, diagnostics) = Load(template);

        Assert.IsNull(method);
        var error = diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Error, error.Severity);
        Assert.AreEqual(DiagnosticCodes.InvalidCliConfig, error.Code);
        Assert.AreEqual("Invalid --repository-template", error.Summary);
        StringAssert.Contains(error.Detail, expected);
        Assert.DoesNotContain("block at", error.Detail!);
        Assert.IsNull(error.Subject, "there is no file to point at");
        Assert.AreEqual("error TOFU0003: Invalid --repository-template: " + error.Detail, error.ToString());
    }

    [TestMethod]
    public void IncludePinningTheHost_LetsTheTemplateLeaveItOut()
    {
        var (method, diagnostics) = Load("127.0.0.1:5000/providers/${namespace}/${type}", "registry.opentofu.org/*/*");

        Assert.IsNotNull(method, string.Join("\n", diagnostics));
        Assert.AreEqual(new OciRepositoryAddress("127.0.0.1:5000", "providers/hashicorp/random"),
            method.MapProvider(ProviderAddress.Parse("hashicorp/random")));
        Assert.IsFalse(method.Handles(ProviderAddress.Parse("example.com/acme/thing")));
    }

    [TestMethod]
    public void BadIncludePattern_IsReportedAgainstIncludeOption()
    {
        var (method, diagnostics) = Load("127.0.0.1:5000/${hostname}/${namespace}/${type}", "bad");

        Assert.IsNull(method);
        var error = diagnostics.Single();
        Assert.AreEqual("Invalid --include", error.Summary);
        StringAssert.Contains(error.Detail, "invalid provider matching pattern \"bad\": must have either two or three slash-separated segments");
    }
}
