using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Cli.Output;

namespace TofuMirror.Cli.Tests;

/// <summary>When the live transfer progress is drawn.</summary>
[TestClass]
public sealed class ProgressPolicyTests
{
    [TestMethod]
    [DataRow(true, null, null, false, false, true, DisplayName = "interactive terminal")]
    [DataRow(true, null, "xterm-256color", false, false, true, DisplayName = "interactive terminal with TERM")]
    [DataRow(false, null, null, false, false, false, DisplayName = "stderr redirected")]
    [DataRow(true, "True", null, false, false, false, DisplayName = "Azure Pipelines (TF_BUILD=True)")]
    [DataRow(true, "true", null, false, false, false, DisplayName = "Azure Pipelines, any case")]
    [DataRow(true, "False", null, false, false, true, DisplayName = "TF_BUILD other than True")]
    [DataRow(true, null, "dumb", false, false, false, DisplayName = "TERM=dumb")]
    [DataRow(true, null, null, true, false, false, DisplayName = "--json")]
    [DataRow(true, null, null, false, true, false, DisplayName = "--no-progress")]
    public void ShowsProgress(bool errorIsTerminal, string? tfBuild, string? term, bool json, bool noProgress, bool expected)
    {
        var variables = new Dictionary<string, string?> { ["TF_BUILD"] = tfBuild, ["TERM"] = term };

        var shown = ProgressPolicy.ShowsProgress(errorIsTerminal, name => variables.TryGetValue(name, out var value) ? value : null, json, noProgress);

        Assert.AreEqual(expected, shown);
    }
}
