using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Cli.Commands;
using TofuMirror.Testing;

namespace TofuMirror.Cli.Tests.Examples;

/// <summary>
/// Every repository template the documentation, the pipeline templates, the samples and the CLI's help show is one the
/// tool accepts: each is loaded the way <c>--repository-template</c> (with the <c>--include</c> patterns shown beside it)
/// is loaded by the commands.
/// </summary>
[TestClass]
public sealed class DocumentedTemplateTests
{
    private static readonly string[] CommandsWithTemplates = { "restore", "push", "lock", "verify", "inspect" };

    [TestMethod]
    public async Task EveryShownTemplateIsAccepted()
    {
        var examples = FromFiles().Concat(await FromHelp()).ToList();

        foreach (var kind in new[] { "README.md", "docs/", "build/azure-pipelines/", "samples/", "--help" })
            Assert.IsTrue(examples.Any(e => e.Source.StartsWith(kind, StringComparison.Ordinal) || e.Source.Contains(kind, StringComparison.Ordinal)),
                $"no template found in {kind}; the extraction is broken:\n{string.Join("\n", examples)}");
        var rejected = examples.Select(e => (Example: e, Problem: Problem(e))).Where(r => r.Problem is not null).ToList();
        Assert.AreEqual(0, rejected.Count, "templates the tool rejects:\n" + string.Join("\n", rejected.Select(r => $"{r.Example}\n    {r.Problem}")));
    }

    [TestMethod]
    public void InvalidExamplesAreFoundAndRejected()
    {
        const string markdown = """
            Restore with:

            ```
            tofu-mirror restore --repository-template 'example.com/providers/${namespace}/${type}'
            ```

            | `repositoryTemplate` | e.g. `example.com/${type}` |
            | `--include P` | … |

            Or pin the host: `--repository-template 'example.com/providers/${namespace}/${type}' --include 'registry.opentofu.org/*/*'`.
            """;
        var examples = TemplateExamples.InMarkdown("test.md", markdown).ToList();

        CollectionAssert.AreEqual(new[] { "example.com/providers/${namespace}/${type}", "example.com/${type}", "example.com/providers/${namespace}/${type}" },
            examples.Select(e => e.Template).ToArray(), string.Join("\n", examples));
        Assert.IsNotNull(Problem(examples[0]), "a template without ${hostname} and no include must be rejected");
        StringAssert.Contains(Problem(examples[0]), "hostname");
        Assert.IsNotNull(Problem(examples[1]), "a table row does not borrow include patterns from other rows");
        CollectionAssert.AreEqual(new[] { "registry.opentofu.org/*/*" }, examples[2].Include.ToArray());
        Assert.IsNull(Problem(examples[2]), "the include pattern pins the host");
    }

    [TestMethod]
    public void YamlCommentsAndParametersAreFound()
    {
        const string yaml = """
            # Example:
            #   repositoryTemplate: 'r.example.com/p/${namespace}/${type}'
            #
            #   repositoryTemplate: 'r.example.com/p/${namespace}/${type}'
            #   include: ['registry.opentofu.org/*/*']
            steps:
              - template: t.yml
                parameters:
                  repositoryTemplate: oci-layout:$(Build.SourcesDirectory)/m/${namespace}/${type}
            """;
        var examples = TemplateExamples.InYaml("test.yml", yaml).ToList();

        Assert.AreEqual(3, examples.Count, string.Join("\n", examples));
        Assert.IsNotNull(Problem(examples[0]));
        Assert.IsNull(Problem(examples[1]), examples[1].ToString());
        Assert.AreEqual("oci-layout:/agent/work/m/${namespace}/${type}", TemplateExamples.WithMacrosExpanded(examples[2].Template));
    }

    /// <summary>Null when the CLI would accept the template, else what it reports.</summary>
    private static string? Problem(TemplateExample example)
    {
        var folder = Directory.CreateTempSubdirectory("tofumirror-template-").FullName;
        try
        {
            var emptyConfig = Path.Combine(folder, "empty.tofurc");
            File.WriteAllText(emptyConfig, "");
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOME"] = folder, ["TF_CLI_CONFIG_FILE"] = emptyConfig };
            var console = new CliConsole(TextWriter.Null, TextWriter.Null, environment, folder);
            using var mirror = MirrorLoader.Load(console, TemplateExamples.WithMacrosExpanded(example.Template), null, Array.Empty<string>(), example.Include);
            return mirror.Stores is null ? string.Join("; ", mirror.Diagnostics.Select(d => $"{d.Summary}: {d.Detail}")) : null;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<TemplateExample> FromFiles()
    {
        var root = RepoPaths.Root;
        var markdown = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(root, "samples"), "*.md", SearchOption.AllDirectories));
        var yaml = Directory.GetFiles(Path.Combine(root, "build", "azure-pipelines"), "*.yml")
            .Concat(Directory.GetFiles(Path.Combine(root, "samples"), "*.yml", SearchOption.AllDirectories));
        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
        return markdown.SelectMany(f => TemplateExamples.InMarkdown(Relative(f), File.ReadAllText(f)))
            .Concat(yaml.SelectMany(f => TemplateExamples.InYaml(Relative(f), File.ReadAllText(f))));
    }

    private static async Task<IEnumerable<TemplateExample>> FromHelp()
    {
        var found = new List<TemplateExample>();
        var folder = Directory.CreateTempSubdirectory("tofumirror-help-").FullName;
        try
        {
            foreach (var command in CommandsWithTemplates)
            {
                var run = await CliRun.RunAsync(folder, command, "--help");
                Assert.AreEqual(0, run.ExitCode, run.ToString());
                found.AddRange(TemplateExamples.InHelp($"tofu-mirror {command} --help", run.Out + run.Error));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        return found;
    }
}
