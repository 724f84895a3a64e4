using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Generators.Tests;

/// <summary>TOFU1007: a platform of TofuPlatforms without a checksum in the lock file, judged from the restore manifest.</summary>
[TestClass]
public sealed class PlatformHashTests
{
    private const string AwsH1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private const string AwsZh = "zh:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string EchoH1 = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
    private const string OtherH1 = "h1:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ=";
    private const string OtherZh = "zh:9999999999999999999999999999999999999999999999999999999999999999";
    private const string Aws = "registry.opentofu.org/hashicorp/aws";
    private const string Echo = "example.com/tofumirror/echo-server";
    private const int AwsBlockLine = 3;
    private const int EchoBlockLine = 12;

    private sealed record Package(string Provider, string Version, string Platform, string? H1, string? Zh, string Module = "/repo/infra");

    private static string Manifest(params Package[] packages) =>
        "{\n  \"formatVersion\": 1,\n  \"outputDirectory\": \"/repo/obj/tofu/providers\",\n  \"cliConfigPath\": null,\n  \"packages\": [\n"
        + string.Join(",\n", packages.Select(p =>
            $"    {{ \"module\": \"{p.Module}\", \"provider\": \"{p.Provider}\", \"version\": \"{p.Version}\", \"platform\": \"{p.Platform}\", "
            + $"\"repository\": null, \"tag\": \"{p.Version}\", \"indexDigest\": null, \"manifestDigest\": null, \"layerDigest\": null, "
            + $"\"size\": null, \"h1\": {Json(p.H1)}, \"zh\": {Json(p.Zh)}, \"path\": null }}"))
        + "\n  ]\n}\n";

    private static string Json(string? value) => value is null ? "null" : "\"" + value + "\"";

    private static ImmutableArray<Diagnostic> Diagnose(string? platforms, params Package[] packages) =>
        GeneratorHarness.Run(Samples.ModuleWithManifest(Manifest(packages)), platforms).Diagnostics;

    private static void AssertAt(Diagnostic diagnostic, DiagnosticSeverity severity, int line, params string[] messageParts)
    {
        Assert.AreEqual("TOFU1007", diagnostic.Id, diagnostic.ToString());
        Assert.AreEqual(severity, diagnostic.Severity, diagnostic.ToString());
        var span = diagnostic.Location.GetLineSpan();
        Assert.AreEqual(Samples.LockPath, span.Path);
        Assert.AreEqual((line, 0), (span.StartLinePosition.Line, span.StartLinePosition.Character), diagnostic.ToString());
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        foreach (var part in messageParts) StringAssert.Contains(message, part);
    }

    [TestMethod]
    public void RestoredHashMissingFromLock_IsTofu1007Error_AtTheProviderBlock()
    {
        var diagnostics = Diagnose("linux_amd64;linux_arm64",
            new Package(Aws, "5.31.0", "linux_amd64", AwsH1, null),
            new Package(Aws, "5.31.0", "linux_arm64", OtherH1, OtherZh),
            new Package(Echo, "0.2.0", "linux_amd64", EchoH1, null),
            new Package(Echo, "0.2.0", "linux_arm64", EchoH1, null));

        AssertAt(diagnostics.Single(), DiagnosticSeverity.Error, AwsBlockLine,
            Aws + " 5.31.0 locks no checksum for linux_arm64", "tofu-mirror lock --platform linux_arm64", "tofu providers lock -platform=linux_arm64");
    }

    [TestMethod]
    public void ErrorsAreReportedPerProviderAndPlatform()
    {
        var diagnostics = Diagnose("linux_amd64;darwin_arm64",
            new Package(Aws, "5.31.0", "linux_amd64", OtherH1, null),
            new Package(Aws, "5.31.0", "darwin_arm64", OtherH1, null),
            new Package(Echo, "0.2.0", "linux_amd64", null, OtherZh),
            new Package(Echo, "0.2.0", "darwin_arm64", EchoH1, null));

        Assert.AreEqual(3, diagnostics.Length, string.Join("\n", diagnostics));
        var ordered = diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line)
            .ThenBy(d => d.GetMessage(CultureInfo.InvariantCulture), System.StringComparer.Ordinal).ToList();
        AssertAt(ordered[0], DiagnosticSeverity.Error, AwsBlockLine, "for darwin_arm64");
        AssertAt(ordered[1], DiagnosticSeverity.Error, AwsBlockLine, "for linux_amd64");
        AssertAt(ordered[2], DiagnosticSeverity.Error, EchoBlockLine, Echo + " 0.2.0 locks no checksum for linux_amd64", OtherZh);
    }

    [TestMethod]
    [DataRow(AwsH1, null, DisplayName = "h1 recorded")]
    [DataRow(null, AwsZh, DisplayName = "zh recorded")]
    [DataRow(OtherH1, AwsZh, DisplayName = "zh recorded, h1 not")]
    [DataRow(null, null, DisplayName = "hashes unknown")]
    public void HashPresentOrUnknown_NoDiagnostic(string? h1, string? zh)
    {
        var diagnostics = Diagnose("linux_amd64",
            new Package(Aws, "5.31.0", "linux_amd64", h1, zh),
            new Package(Echo, "0.2.0", "linux_amd64", EchoH1, null));

        Assert.AreEqual(0, diagnostics.Length, string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void ListedPlatformNotRestored_IsTofu1007Warning_ForEachProvider()
    {
        var diagnostics = Diagnose("linux_amd64;windows_amd64",
            new Package(Aws, "5.31.0", "linux_amd64", AwsH1, null),
            new Package(Echo, "0.2.0", "linux_amd64", EchoH1, null));

        Assert.AreEqual(2, diagnostics.Length, string.Join("\n", diagnostics));
        var ordered = diagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        AssertAt(ordered[0], DiagnosticSeverity.Warning, AwsBlockLine, "TofuPlatforms lists windows_amd64", Aws + " 5.31.0", "did not include that platform");
        AssertAt(ordered[1], DiagnosticSeverity.Warning, EchoBlockLine, "TofuPlatforms lists windows_amd64", Echo + " 0.2.0");
    }

    [TestMethod]
    public void PackageOfAnotherVersion_DoesNotCount()
    {
        var diagnostics = Diagnose("linux_amd64",
            new Package(Aws, "5.30.0", "linux_amd64", OtherH1, null),
            new Package(Echo, "0.2.0", "linux_amd64", EchoH1, null));

        AssertAt(diagnostics.Single(), DiagnosticSeverity.Warning, AwsBlockLine, "no package of " + Aws + " 5.31.0");
    }

    [TestMethod]
    public void NoTofuPlatforms_ChecksThePlatformsTheManifestHas_AndNeverWarns()
    {
        var diagnostics = Diagnose(null,
            new Package(Aws, "5.31.0", "linux_amd64", AwsH1, null),
            new Package(Echo, "0.2.0", "darwin_arm64", OtherH1, null));

        AssertAt(diagnostics.Single(), DiagnosticSeverity.Error, EchoBlockLine, "for darwin_arm64");
    }

    [TestMethod]
    public void NoManifest_NoDiagnostic()
    {
        var diagnostics = GeneratorHarness.Run(Samples.Module(), "linux_amd64;linux_arm64;windows_amd64").Diagnostics;

        Assert.AreEqual(0, diagnostics.Length, string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void ManifestWithoutPackagesOfTheModule_NoDiagnostic()
    {
        var diagnostics = Diagnose("linux_amd64;linux_arm64",
            new Package(Aws, "5.31.0", "linux_amd64", OtherH1, null, Module: "/repo/other"));

        Assert.AreEqual(0, diagnostics.Length, string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void ModuleFolderMatchesIgnoringCaseAndSlashes()
    {
        var diagnostics = Diagnose("linux_amd64",
            new Package(Aws, "5.31.0", "linux_amd64", OtherH1, null, Module: "/Repo/Infra/"),
            new Package(Echo, "0.2.0", "linux_amd64", EchoH1, null, Module: "/Repo/Infra/"));

        AssertAt(diagnostics.Single(), DiagnosticSeverity.Error, AwsBlockLine, "for linux_amd64");
    }
}
