using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Stores;
using TofuMirror.Engine.Tests.Support;
using TofuMirror.Oci.Layout;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Tests.Stores;

[TestClass]
public sealed class LayoutStoreResolverTests
{
    private static readonly ProviderAddress Random = ProviderAddress.Parse("hashicorp/random");
    private static readonly ProviderAddress Thing = ProviderAddress.Parse("example.com/Acme/Thing");

    private static LayoutStoreResolver Create(string template, string baseDirectory)
    {
        var diagnostics = new List<Diagnostic>();
        var resolver = LayoutStoreResolver.Create(template, baseDirectory, diagnostics);
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
        return resolver!;
    }

    [TestMethod]
    public void OnlyTheOciLayoutPrefixNamesFolders()
    {
        Assert.IsTrue(LayoutStoreResolver.IsLayoutTemplate("oci-layout:./m/${type}"));
        Assert.IsFalse(LayoutStoreResolver.IsLayoutTemplate("example.com/${namespace}/${type}"));
        Assert.IsFalse(LayoutStoreResolver.IsLayoutTemplate("OCI-LAYOUT:./m"));
    }

    [TestMethod]
    [DataRow("oci-layout:mirror/${namespace}/${type}", "mirror/hashicorp/random", "mirror/acme/thing")]
    [DataRow("oci-layout:./m/${hostname}/${namespace}/${type}", "m/registry.opentofu.org/hashicorp/random", "m/example.com/acme/thing")]
    [DataRow("oci-layout:m/${type}-${namespace}", "m/random-hashicorp", "m/thing-acme")]
    [DataRow("oci-layout:m/%{ if namespace == \"hashicorp\" }official%{ else }${namespace}%{ endif }/${type}", "m/official/random", "m/acme/thing")]
    public void TemplateIsEvaluatedPerProviderAgainstTheBaseFolder(string template, string random, string thing)
    {
        using var temp = new TempFolder();
        var resolver = Create(template, temp.Path);
        Assert.AreEqual(Path.GetFullPath(Path.Combine(temp.Path, random)), resolver.FolderOf(Random));
        // Namespace and type are the normalised lowercase parts; hostname is the address's.
        Assert.AreEqual(Path.GetFullPath(Path.Combine(temp.Path, thing)), resolver.FolderOf(Thing));
    }

    [TestMethod]
    public void AbsoluteTemplateIgnoresTheBaseFolder()
    {
        using var temp = new TempFolder();
        var resolver = Create("oci-layout:" + temp.Path + "/abs/${type}", "/somewhere/else");
        Assert.AreEqual(Path.Combine(temp.Path, "abs", "random"), resolver.FolderOf(Random));
    }

    [TestMethod]
    public void ResolveGivesOneLayoutStorePerFolderReused()
    {
        using var temp = new TempFolder();
        var resolver = Create("oci-layout:m/${namespace}/${type}", temp.Path);
        var store = resolver.Resolve(Random).Single();
        Assert.IsInstanceOfType<OciLayoutStore>(store);
        Assert.AreEqual("oci-layout:" + Path.Combine(temp.Path, "m", "hashicorp", "random"), store.Name);
        Assert.AreSame(store, resolver.Resolve(Random).Single());
        Assert.AreNotSame(store, resolver.Resolve(Thing).Single());
    }

    [TestMethod]
    public void AllProvidersInOneFolderShareTheStore()
    {
        using var temp = new TempFolder();
        var resolver = Create("oci-layout:single", temp.Path);
        Assert.AreSame(resolver.Resolve(Random).Single(), resolver.Resolve(Thing).Single());
    }

    [TestMethod]
    public void EmptyPathIsAnError()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.IsNull(LayoutStoreResolver.Create("oci-layout:", "/base", diagnostics));
        Assert.AreEqual(DiagnosticCodes.InvalidCliConfig, diagnostics.Single().Code);
        StringAssert.Contains(diagnostics.Single().Detail, "oci-layout: needs a folder path");
    }

    [TestMethod]
    public void TemplateSyntaxErrorIsADiagnostic()
    {
        var diagnostics = new List<Diagnostic>();
        Assert.IsNull(LayoutStoreResolver.Create("oci-layout:m/${type", "/base", diagnostics));
        Assert.IsTrue(diagnostics.Count > 0);
        Assert.IsTrue(diagnostics.All(d => d.Code == DiagnosticCodes.InvalidCliConfig));
    }

    [TestMethod]
    public void FunctionsAreNotAvailableAsInRepositoryTemplates()
    {
        using var temp = new TempFolder();
        var resolver = Create("oci-layout:m/${upper(type)}", temp.Path);
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => resolver.FolderOf(Random));
        StringAssert.Contains(failure.Message, "Function calls not allowed");
    }

    [TestMethod]
    public void UnknownVariableFailsWhenAProviderIsMapped()
    {
        using var temp = new TempFolder();
        var resolver = Create("oci-layout:m/${version}", temp.Path);
        var failure = Assert.ThrowsExactly<ProviderFailure>(() => resolver.FolderOf(Random));
        Assert.AreEqual(DiagnosticCodes.InvalidCliConfig, failure.Code);
        StringAssert.StartsWith(failure.Message, "selecting OCI layout folder: ");
    }
}
