using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Hcl.Syntax;

namespace TofuMirror.Hcl.Tests.Syntax;

/// <summary>
/// A 5 MB lock file parses completely and cleanly. How fast is measured by the benchmarks
/// (build/bench, LockFileBenchmarks), not here: timed assertions fail at random on a loaded machine.
/// </summary>
[TestClass]
public sealed class LargeInputTests
{
    [TestMethod]
    public void FiveMegabyteLockFile_ParsesEveryBlockWithoutDiagnostics()
    {
        var builder = new StringBuilder(5_004_096);
        var providers = 0;
        while (builder.Length < 5_000_000)
        {
            builder.Append("provider \"registry.opentofu.org/acme/p").Append(providers++).Append("\" {\n")
                .Append("  version     = \"1.2.3\"\n  constraints = \"~> 1.2\"\n  hashes = [\n");
            for (var h = 0; h < 40; h++) builder.Append("    \"zh:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\n");
            builder.Append("  ]\n}\n\n");
        }

        var result = HclParser.ParseFile(builder.ToString(), ".terraform.lock.hcl");

        Assert.IsEmpty(result.Diagnostics);
        Assert.AreEqual(providers, result.Value.Body.Blocks.Count());
        Assert.AreEqual(40, ((TupleConsExpression)result.Value.Body.Blocks.Last().Body.Attributes.Single(a => a.Name == "hashes").Expression).Items.Count);
    }
}
