using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Layout;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Tests.Jobs;

/// <summary>
/// A temporary workspace for job tests: an OCI-layout mirror (one folder per provider, filled with the real
/// <see cref="PushJob"/>), a root module folder, a download cache and release zips.
/// </summary>
internal sealed class JobFixture : IDisposable
{
    public static readonly Platform LinuxAmd64 = Platform.Parse("linux_amd64");
    public static readonly Platform DarwinArm64 = Platform.Parse("darwin_arm64");
    public static readonly ProviderAddress Demo = ProviderAddress.Parse("example/demo");

    public JobFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "tofumirror-jobs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ModuleDirectory);
        Directory.CreateDirectory(ZipDirectory);
        var diagnostics = new List<Diagnostic>();
        Stores = LayoutStoreResolver.Create(Template, Root, diagnostics)
            ?? throw new InvalidOperationException(string.Join("; ", diagnostics));
    }

    public string Root { get; }
    public string MirrorDirectory => Path.Combine(Root, "mirror");
    public string ModuleDirectory => Path.Combine(Root, "module");
    public string ZipDirectory => Path.Combine(Root, "zips");
    public string CacheDirectory => Path.Combine(Root, "cache");
    public string OutputDirectory => Path.Combine(ModuleDirectory, ".terraform", "providers-mirror");
    public string LockFilePath => Path.Combine(ModuleDirectory, ".terraform.lock.hcl");

    /// <summary>The <c>--repository-template</c> of the layout mirror.</summary>
    public string Template => "oci-layout:" + MirrorDirectory.Replace('\\', '/') + "/${namespace}/${type}";

    public LayoutStoreResolver Stores { get; }

    public OciLayoutStore StoreOf(ProviderAddress provider) => new(Stores.FolderOf(provider));

    /// <summary>Pushes generated release zips of <paramref name="provider"/> at each version for each platform; returns the zip paths.</summary>
    public async Task<IReadOnlyList<string>> PushAsync(ProviderAddress provider, IEnumerable<string> versions, IEnumerable<Platform> platforms, string? marker = null)
    {
        var packages = new List<MirrorPackage>();
        foreach (var version in versions)
            foreach (var platform in platforms)
            {
                var zip = ProviderZip.Release(Path.Combine(ZipDirectory, provider.Namespace), provider.Type, version, platform.ToString(), marker);
                packages.Add(new MirrorPackage(provider, ProviderVersion.Parse(version), platform, MirrorPackageKind.Packed, zip));
            }
        await new PushJob().RunAsync(new PushRequest(packages, Stores), CancellationToken.None);
        return packages.Select(p => p.Path).ToList();
    }

    public string ZipPath(ProviderAddress provider, string version, Platform platform) =>
        Path.Combine(ZipDirectory, provider.Namespace, $"terraform-provider-{provider.Type}_{version}_{platform}.zip");

    public void WriteConfig(string constraint, string source = "example/demo", string localName = "demo") =>
        File.WriteAllText(Path.Combine(ModuleDirectory, "versions.tf"),
            "terraform {\n  required_providers {\n    " + localName + " = {\n      source  = \"" + source + "\"\n      version = \"" + constraint + "\"\n    }\n  }\n}\n");

    public void WriteLock(string text) => File.WriteAllText(LockFilePath, text);

    public string ReadLock() => File.ReadAllText(LockFilePath);

    public static void AssertNoErrors(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.AreEqual(0, errors.Count, string.Join("\n", errors));
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
