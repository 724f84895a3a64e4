using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Cli.Tests;

/// <summary>
/// Text from outside (registry messages, paths, zip entry names) printed inside Azure Pipelines must not act as a
/// logging command: the agent runs <c>##vso[</c> wherever it appears in a line.
/// </summary>
[TestClass]
public sealed class LoggingCommandInjectionTests
{
    private const string Injected = "##vso[task.setvariable variable=X]1";
    private static readonly Dictionary<string, string?> InPipeline = new() { ["TF_BUILD"] = "True" };

    [TestMethod]
    public async Task RegistryErrorMessage_IsPrintedInert_WhileOurLogIssueStillWorks()
    {
        using var temp = new TempFolder();
        await using var registry = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            // A HEAD answer has no body: the reason phrase carries the same text.
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = Injected;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"errors\":[{{\"code\":\"UNSUPPORTED\",\"message\":\"{Injected}\"}}]}}");
        });
        temp.WriteFile("infra/versions.tf", "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n  }\n}\n");
        temp.WriteFile("infra/.terraform.lock.hcl",
            "provider \"registry.opentofu.org/example/demo\" {\n  version = \"1.0.0\"\n  hashes = [\n    \"h1:U5RVDcr6irM28qBuZN9gx81apIb82jbXmljb032GLR4=\",\n  ]\n}\n");

        var run = await CliRun.RunAsync(temp.Path, errorIsTerminal: false, InPipeline, "restore", "--chdir", "infra",
            "--repository-template", registry.Host + "/${hostname}/${namespace}/${type}", "--platform", "linux_amd64", "--output", "out", "--cache", "cache");

        Assert.AreNotEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "# #vso[task.setvariable variable=X]1", "the registry's message is still shown: " + run);
        AssertNoInjectedCommand(run);
        Assert.IsTrue(Lines(run).Any(l => l.StartsWith("##vso[task.logissue type=error", System.StringComparison.Ordinal)), run.ToString());
    }

    [TestMethod]
    public async Task FilePath_IsPrintedInert()
    {
        using var temp = new TempFolder();

        var run = await CliRun.RunAsync(temp.Path, errorIsTerminal: false, InPipeline, "hash", "missing" + Injected + ".zip");

        Assert.AreNotEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "missing# #vso[task.setvariable", run.ToString());
        AssertNoInjectedCommand(run);
    }

    [TestMethod]
    public async Task ZipEntryName_IsPrintedInert()
    {
        using var temp = new TempFolder();
        const string template = "oci-layout:mirror/${hostname}/${namespace}/${type}";
        var zip = TestZips.Write(temp.Combine("zips", "terraform-provider-demo_1.0.0_linux_amd64.zip"),
            ("terraform-provider-demo_v1.0.0", "#!/bin/sh\n"), ("../" + Injected, "x"));
        // `push` refuses a zip with a "../" entry (and says so inertly); a pusher with another tool is not stopped.
        var refused = await CliRun.RunAsync(temp.Path, errorIsTerminal: false, InPipeline, "push", "--provider", "example/demo", "--repository-template", template, zip);
        Assert.AreEqual(1, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Error, "TOFU0107", refused.ToString());
        AssertNoInjectedCommand(refused);
        using var layout = Engine.Stores.MirrorSource.Load(new Engine.Stores.MirrorSourceOptions(template, null, temp.Path),
            Engine.Stores.ProcessCliEnvironment.Create(new Dictionary<string, string?> { ["HOME"] = temp.Path }, temp.Path));
        await TofuMirror.Testing.Pushers.ForeignPusher.PushZipAsync(layout.Stores!.Resolve(Model.Addresses.ProviderAddress.Parse("example/demo")).Single(), "1.0.0", "linux_amd64", zip);
        temp.WriteFile("infra/versions.tf", "terraform {\n  required_providers {\n    demo = { source = \"example/demo\" }\n  }\n}\n");
        // Trusting the annotation: checking it would extract the zip here already and refuse it (as restore does below).
        Assert.AreEqual(0, (await CliRun.RunAsync(temp.Path, "lock", "--chdir", "infra", "--repository-template", template, "--platform", "linux_amd64",
            "--trust-annotations")).ExitCode);

        var run = await CliRun.RunAsync(temp.Path, errorIsTerminal: false, InPipeline, "restore", "--chdir", "infra",
            "--repository-template", template, "--platform", "linux_amd64", "--output", "out", "--cache", "cache");

        Assert.AreNotEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "../# #vso[task.setvariable", run.ToString());
        AssertNoInjectedCommand(run);
    }

    [TestMethod]
    public void CommandStartSplitOverWrites_IsStillNeutralized()
    {
        var inner = new System.IO.StringWriter { NewLine = "\n" };
        var console = new CliConsole(inner, new System.IO.StringWriter(), new Dictionary<string, string?>(), "/");

        console.Out.Write("a#");
        console.Out.Write('#');
        console.Out.Write("VSO");
        console.Out.Write("[task.complete]done\n##");
        console.Out.Write("[error]x ###[y]");
        console.WriteCommand("##vso[task.setvariable variable=Ours]1");
        console.Out.Flush();

        Assert.AreEqual("a# #VSO[task.complete]done\n# #[error]x ## #[y]\n##vso[task.setvariable variable=Ours]1\n", inner.ToString());
    }

    private static IEnumerable<string> Lines(CliRun run) => (run.Out + "\n" + run.Error).Split('\n');

    private static void AssertNoInjectedCommand(CliRun run)
    {
        foreach (var line in Lines(run))
            Assert.DoesNotContain("##vso[task.setvariable variable=X", line, run.ToString());
    }
}
