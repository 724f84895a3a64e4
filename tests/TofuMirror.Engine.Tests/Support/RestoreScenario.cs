using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Testing;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>
/// A temp folder with a layout mirror (<c>mirror/</c>), release zips (<c>zips/</c>), a root module (<c>module/</c>),
/// an output folder (<c>out/</c>) and a download cache (<c>cache/</c>).
/// </summary>
internal sealed class RestoreScenario : IDisposable
{
    public static readonly ProviderAddress Demo = ProviderAddress.Parse("registry.opentofu.org/tofumirror/demo");
    public static readonly ProviderAddress Other = ProviderAddress.Parse("example.com/acme/other");

    public RestoreScenario()
    {
        Mirror = new LayoutMirror(Temp.Combine("mirror"));
    }

    public TempFolder Temp { get; } = new();

    public LayoutMirror Mirror { get; }

    public string Zips => Temp.Combine("zips");

    public string Module => Temp.Combine("module");

    public string Output => Temp.Combine("out");

    public string Cache => Temp.Combine("cache");

    /// <summary>Zips of each platform, pushed; returns the zip paths by platform.</summary>
    public Task<Dictionary<string, string>> PublishAsync(ProviderAddress provider, string version, params string[] platforms) =>
        Mirror.PublishAsync(Zips, provider, version, platforms);

    /// <summary>The hashes a complete lock has for these zips: each zip's <c>zh:</c> and <c>h1:</c>.</summary>
    public static PackageHash[] HashesOf(IEnumerable<string> zips) =>
        zips.SelectMany(z => new[] { ProviderZips.Zh(z), ProviderZips.H1(z) }).ToArray();

    public RestoreRequest Request(OutputLayout layout, params string[] platforms) =>
        Request(Module, Output, layout, platforms);

    public RestoreRequest Request(string module, string output, OutputLayout layout, params string[] platforms) =>
        new(module, Mirror.Stores, platforms.Select(Platform.Parse).ToList(), output, layout, Cache);

    public Task<RestoreReport> RestoreAsync(params string[] platforms) => RestoreAsync(OutputLayout.Unpacked, platforms);

    public Task<RestoreReport> RestoreAsync(OutputLayout layout, params string[] platforms) =>
        new RestoreJob().RunAsync(Request(layout, platforms), default);

    public string UnpackedDirectory(ProviderAddress provider, string version, string platform) =>
        FilesystemMirrorLayout.UnpackedDirectory(Output, provider, ProviderVersion.Parse(version), Platform.Parse(platform));

    public string PackedZip(ProviderAddress provider, string version, string platform) =>
        FilesystemMirrorLayout.PackedZipPath(Output, provider, ProviderVersion.Parse(version), Platform.Parse(platform));

    public string CachePath(string zip) => new BlobCache(Cache).PathOf(ProviderZips.Zh(zip));

    /// <summary>Every file under <paramref name="directory"/>, relative with <c>/</c>, sorted; TofuMirror's own <c>.tofumirror/</c> bookkeeping left out.</summary>
    public static string[] VisibleFiles(string directory) =>
        !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(directory, p).Replace('\\', '/'))
                .Where(p => p != ".tofumirror" && !p.StartsWith(".tofumirror/", StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();

    /// <summary>Fails when a temp file or folder of an install is left in the output.</summary>
    public void AssertNoTempLeftovers()
    {
        var work = Path.Combine(Output, ".tofumirror", "tmp");
        if (Directory.Exists(work))
            Assert.AreEqual(0, Directory.EnumerateFileSystemEntries(work).Count(), string.Join(", ", Directory.EnumerateFileSystemEntries(work)));
        var stray = Directory.Exists(Output)
            ? Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).StartsWith('.') && f.EndsWith(".tmp", StringComparison.Ordinal)).ToList()
            : [];
        Assert.AreEqual(0, stray.Count, string.Join(", ", stray));
    }

    public static RestoreItemResult Single(RestoreReport report)
    {
        Assert.AreEqual(1, report.Items.Count, string.Join("\n", report.AllDiagnostics));
        return report.Items[0];
    }

    /// <summary>
    /// The installed package (folder or zip) hashes to <paramref name="expected"/>, computed here from what is on disk;
    /// the stamp's <c>h1:</c> is that one, or absent when the lock's <c>zh:</c> proved the package.
    /// </summary>
    public static void AssertInstalled(RestoreItemResult item, PackageHash expected)
    {
        var path = item.InstalledPath!;
        var installed = Directory.Exists(path) ? TofuMirror.Engine.Hashing.PackageHasher.ComputeH1FromDirectory(path)
            : TofuMirror.Engine.Hashing.PackageHasher.ComputeH1FromZip(path);
        Assert.AreEqual(expected, installed, $"what is installed in {path}");
        if (item.Stamp!.H1 is { } stamped) Assert.AreEqual(expected.ToString(), stamped, "the stamp's h1:");
    }

    public static void AssertSucceeded(RestoreReport report) =>
        Assert.IsTrue(report.Succeeded, string.Join("\n", report.AllDiagnostics.Select(d => $"{d.Code} {d.Summary}: {d.Detail}")));

    public void Dispose() => Temp.Dispose();
}
