using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Build.Tasks.Restore;
using TofuMirror.Diagnostics;

namespace TofuMirror.Build.Tests;

/// <summary>
/// Restore problems and progress carry text from outside (registry messages, paths); MSBuild prints it where the
/// Azure Pipelines agent reads lines, so no <c>##vso[</c> or <c>##[</c> may survive in either task's log.
/// </summary>
[TestClass]
public sealed class LoggingCommandInjectionTests
{
    private const string Injected = "##vso[task.setvariable variable=X]1";

    private static Diagnostic RegistryFailure() =>
        new(DiagnosticSeverity.Error, "Failed to restore example/demo", "resolving failed: 400 " + Injected,
            new SourceRange("/m/" + Injected + "/.terraform.lock.hcl", new SourcePosition(1, 1, 0), new SourcePosition(1, 1, 0))) { Code = "TOFU0106" };

    [TestMethod]
    public void InProcessTask_LogsNoLoggingCommand()
    {
        var engine = new FakeBuildEngine();
        var log = new MSBuildRestoreLog(new TaskLoggingHelper(engine, "test"));

        log.Report(RegistryFailure(), null);
        log.Error("TOFU0009", "/m/" + Injected, "cannot write " + Injected);
        log.Message(LogImportance.High, "##[error]" + Injected);

        var logged = engine.Errors.SelectMany(e => new[] { e.Message, e.File })
            .Concat(engine.Messages.Select(m => m.Message)).Select(t => t ?? "").ToList();
        Assert.AreEqual(5, logged.Count, engine.Transcript());
        foreach (var text in logged)
        {
            Assert.DoesNotContain("##vso[", text, engine.Transcript());
            Assert.DoesNotContain("##[", text, engine.Transcript());
        }
        StringAssert.Contains(engine.Errors[0].Message, "# #vso[task.setvariable variable=X]1", "the text is still shown");
    }

    [TestMethod]
    public void OutOfProcessHost_WritesNoLoggingCommand_AndItsErrorsStillParse()
    {
        var output = new StringWriter();
        var log = new ConsoleRestoreLog(output);

        log.Report(RegistryFailure(), null);
        log.Message(LogImportance.Normal, "downloading " + Injected);

        var lines = output.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(2, lines.Length, output.ToString());
        foreach (var line in lines) Assert.DoesNotContain("##vso[", line, output.ToString());
        var engine = new FakeBuildEngine();
        new TaskLoggingHelper(engine, "test").LogMessageFromText(lines[0].TrimEnd('\r'), MessageImportance.Normal);
        Assert.AreEqual("TOFU0106", engine.Errors.Single().Code, engine.Transcript());
    }
}
