using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Testing;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Tests.CliConfig;

internal static class CliConfigTestHelpers
{
    public static string Fixture(string name) => Path.Combine(RepoPaths.Conformance, "cliconfig", name);

    public static TofuMirror.Model.CliConfig.CliConfig LoadFixture(string name)
    {
        var path = Fixture(name);
        return CliConfigLoader.LoadText(File.ReadAllText(path), path, new FakeEnvironment().Build());
    }

    public static TofuMirror.Model.CliConfig.CliConfig LoadText(string text, string fileName = "/home/user/.tofurc") =>
        CliConfigLoader.LoadText(text, fileName, new FakeEnvironment().Build());

    public static void AssertNoErrors(TofuMirror.Model.CliConfig.CliConfig config) =>
        Assert.IsFalse(config.HasErrors, string.Join("\n", config.Diagnostics));

    public static string[] Errors(TofuMirror.Model.CliConfig.CliConfig config) =>
        config.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Detail is null ? d.Summary : d.Summary + ": " + d.Detail)
            .ToArray();

    public static void AssertSingleError(TofuMirror.Model.CliConfig.CliConfig config, string expectedFragment)
    {
        var errors = Errors(config);
        Assert.HasCount(1, errors, string.Join("\n", errors));
        Assert.Contains(expectedFragment, errors[0]);
    }
}
