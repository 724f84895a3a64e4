using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Tests.Stores;

/// <summary>--include with --repository-template: the template stands for an oci_mirror block with those patterns.</summary>
[TestClass]
public sealed class CommandLineIncludeTests
{
    private static readonly CliConfigEnvironment NoFiles = new(
        CliOperatingSystem.Linux,
        name => name == "TF_CLI_CONFIG_FILE" ? "/nonexistent/tofu.rc" : null,
        "/nonexistent-home",
        _ => null,
        _ => null,
        "/");

    private static MirrorSource Load(string template, params string[] include) =>
        MirrorSource.Load(new MirrorSourceOptions(template, null, "/") { Include = include }, NoFiles);

    [TestMethod]
    public void TemplateWithoutHostname_IsAccepted_WhenIncludePinsTheHost()
    {
        using var source = Load("127.0.0.1:5000/providers/${namespace}/${type}", "registry.opentofu.org/*/*");

        Assert.IsNotNull(source.Stores, string.Join("\n", source.Diagnostics));
        var stores = source.Stores.Resolve(ProviderAddress.Parse("hashicorp/random"));
        Assert.AreEqual("127.0.0.1:5000/providers/hashicorp/random", stores.Single().Name);
        Assert.AreEqual(0, source.Stores.Resolve(ProviderAddress.Parse("example.com/acme/thing")).Count, "outside the include patterns");
    }

    [TestMethod]
    public void TemplateWithoutHostname_StillNeedsIt_WhenIncludeNamesTwoHosts()
    {
        using var source = Load("127.0.0.1:5000/providers/${namespace}/${type}", "registry.opentofu.org/*/*", "example.com/*/*");

        Assert.IsNull(source.Stores);
        StringAssert.Contains(source.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error).Detail, "must refer to ${hostname} unless --include pins one hostname");
    }

    [TestMethod]
    public void BadIncludePattern_IsReported_NotSilentlyIgnored()
    {
        using var source = Load("127.0.0.1:5000/providers/${hostname}/${namespace}/${type}", "*/hashicorp/*");

        Assert.IsNull(source.Stores);
        var error = source.Diagnostics.Single(d => d.Severity == TofuMirror.Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual(DiagnosticCodes.InvalidCliConfig, error.Code);
        Assert.AreEqual("Invalid --include", error.Summary);
        StringAssert.Contains(error.Detail, "hostname can be a wildcard only if");
    }
}
