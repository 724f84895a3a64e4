using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Build.Tests;

/// <summary>
/// A copy of samples/app in a temp folder that references the TofuMirror.Build package packed by this test project's
/// build (bin/.../tofumirror-feed), with its own NuGet package folder (so no stale extraction) and download cache.
/// </summary>
internal sealed class SampleApp : IDisposable
{
    public const string PackageId = "TofuMirror.Build";

    private readonly TempFolder _temp = new("tofu-app");
    private readonly Dictionary<string, string> _environment;

    public SampleApp()
    {
        var package = Directory.Exists(Feed) ? Directory.GetFiles(Feed, PackageId + ".*.nupkg").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
        if (package is null) Assert.Fail($"No {PackageId} package in {Feed}: the test project's build packs it.");
        Version = Path.GetFileNameWithoutExtension(package).Substring(PackageId.Length + 1);
        AppDirectory = _temp.Combine("app");
        TempFolder.CopyTree(Path.Combine(RepoPaths.Root, "samples", "app"), AppDirectory);
        File.WriteAllText(Path.Combine(AppDirectory, "nuget.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n" +
            $"    <add key=\"tofumirror-test\" value=\"{Feed}\" />\n  </packageSources>\n</configuration>\n");
        _environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _temp.Combine("packages"),
            ["TF_CLI_CONFIG_FILE"] = "", // the sample names its mirror; the machine's CLI config plays no part
        };
    }

    public static string Feed => Path.Combine(AppContext.BaseDirectory, "tofumirror-feed");

    public string Version { get; }
    public string AppDirectory { get; }
    public string ProvidersFolder => Path.Combine(AppDirectory, "obj", "tofu-providers");
    public string Stamp => Path.Combine(ProvidersFolder, ".tofumirror", "restore.stamp");
    public string LockFile => Path.Combine(AppDirectory, "infra", ".terraform.lock.hcl");

    /// <summary>MSBuild's verbosity for <see cref="Dotnet"/> (<c>n</c>ormal by default).</summary>
    public string Verbosity { get; set; } = "n";

    public string Combine(params string[] parts) => _temp.Combine(parts);

    public DotnetCli.Result Dotnet(string command, params string[] extra) => DotnetCli.Run(AppDirectory, _environment,
        [command, "-nologo", "--disable-build-servers", "-v:" + Verbosity,
         $"-p:TofuMirrorBuildVersion={Version}",
         $"-p:SampleMirrorRoot={Path.Combine(RepoPaths.Root, "samples", "oci-mirror")}",
         $"-p:TofuCachePath={_temp.Combine("cache")}",
         .. extra]);

    public void Dispose() => _temp.Dispose();
}
