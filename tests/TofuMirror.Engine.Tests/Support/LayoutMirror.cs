using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Push;
using TofuMirror.Engine.Stores;
using TofuMirror.Model.Addresses;
using TofuMirror.Diagnostics;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>A mirror in OCI image-layout folders (<c>ROOT/NAMESPACE/TYPE</c>), filled with the real push job.</summary>
internal sealed class LayoutMirror
{
    public LayoutMirror(string root)
    {
        Root = root;
        var diagnostics = new List<Diagnostic>();
        Stores = LayoutStoreResolver.Create(LayoutStoreResolver.Prefix + root + "/${namespace}/${type}", root, diagnostics)!;
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
    }

    public string Root { get; }

    public LayoutStoreResolver Stores { get; }

    public string FolderOf(ProviderAddress provider) => Stores.FolderOf(provider);

    /// <summary>Pushes release zips of <paramref name="provider"/>.</summary>
    public Task<PushReport> PushZipsAsync(ProviderAddress provider, params string[] zips) => PushZipsAsync(provider, dryRun: false, zips);

    public async Task<PushReport> PushZipsAsync(ProviderAddress provider, bool dryRun, params string[] zips)
    {
        var warnings = new List<string>();
        var packages = PushSourceReader.Read(zips, provider, warnings);
        return await new PushJob().RunAsync(new PushRequest(packages, Stores) { DryRun = dryRun }, default);
    }

    /// <summary>Makes a zip of the provider for each platform and pushes them all; returns the zip paths by platform.</summary>
    public async Task<Dictionary<string, string>> PublishAsync(string zipDirectory, ProviderAddress provider, string version, params string[] platforms)
    {
        var zips = new Dictionary<string, string>();
        foreach (var platform in platforms)
            zips[platform] = ProviderZips.Create(Path.Combine(zipDirectory, provider.Namespace, provider.Type), provider.Type, version, platform);
        await PushZipsAsync(provider, [.. zips.Values]);
        return zips;
    }
}
