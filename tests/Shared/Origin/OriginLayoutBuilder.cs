using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TofuMirror.Testing.Origin;

/// <summary>One provider release the builder lays out.</summary>
internal sealed record OriginRelease(string Namespace, string Type, string Version, IReadOnlyList<string> Platforms);

/// <summary>
/// Lays out a complete origin registry under a folder, as static files: the discovery document, versions and
/// per-platform download JSON, provider zips written like Go's archive/zip (deflated entries with data descriptors),
/// SHA256SUMS, its detached signature (from <see cref="SignDetached"/>), the armored public key in the download
/// JSON, optionally OpenTofu 1.12's <c>packages</c> map, and optionally the same content as a network mirror.
/// Paths: <c>/.well-known/terraform.json</c>, <c>/v1/providers/NS/TYPE/…</c>, files under <c>/files/</c>,
/// network mirror under <c>/mirror/HOST/NS/TYPE/</c>.
/// </summary>
internal sealed class OriginLayoutBuilder
{
    public const string ProvidersPath = "/v1/providers/";
    public const string MirrorPath = "/mirror/";

    private readonly List<OriginRelease> _releases = new();

    public OriginLayoutBuilder(Func<byte[], byte[]> signDetached, string armoredPublicKey)
    {
        SignDetached = signDetached;
        ArmoredPublicKey = armoredPublicKey;
    }

    public Func<byte[], byte[]> SignDetached { get; }
    public string ArmoredPublicKey { get; }

    /// <summary>Add the <c>packages</c> map (hashes of every platform with sizes) to the download JSON.</summary>
    public bool WithPackagesMap { get; set; }

    /// <summary>When set with <see cref="WithPackagesMap"/>, each platform's entry also lists this <c>h1:</c> hash of its zip (OpenTofu 1.12).</summary>
    public Func<byte[], string>? PackagesMapH1 { get; set; }

    /// <summary>Also lay out a network mirror for this registry host.</summary>
    public string? NetworkMirrorHost { get; set; }

    /// <summary>Where <c>download_url</c> points (absolute base); null keeps it relative to the download JSON.</summary>
    public Uri? DownloadBase { get; set; }

    public OriginLayoutBuilder Add(string ns, string type, string version, params string[] platforms)
    {
        _releases.Add(new OriginRelease(ns, type, version, platforms));
        return this;
    }

    /// <summary>Makes the zip of (type, version, platform) instead of <see cref="ProviderZip"/> (e.g. a hostile one).</summary>
    public Func<string, string, string, byte[]>? ZipOf { get; set; }

    /// <summary>The zip bytes of a release per platform, after <see cref="WriteTo"/>.</summary>
    public Dictionary<(string Type, string Version, string Platform), byte[]> Zips { get; } = new();

    public void WriteTo(string root)
    {
        Write(root, ".well-known/terraform.json", JsonSerializer.Serialize(new Dictionary<string, string> { ["providers.v1"] = ProvidersPath }));
        foreach (var group in _releases.GroupBy(r => (r.Namespace, r.Type)))
        {
            var versions = group.Select(r => new
            {
                version = r.Version,
                protocols = new[] { "5.0" },
                platforms = r.Platforms.Select(p => new { os = p.Split('_')[0], arch = p.Split('_')[1] }).ToArray(),
            }).ToArray();
            Write(root, $"v1/providers/{group.Key.Namespace}/{group.Key.Type}/versions", JsonSerializer.Serialize(new { versions }));
            foreach (var release in group) WriteRelease(root, release);
            if (NetworkMirrorHost is not null)
            {
                var index = new { versions = group.ToDictionary(r => r.Version, _ => new { }) };
                Write(root, $"mirror/{NetworkMirrorHost}/{group.Key.Namespace}/{group.Key.Type}/index.json", JsonSerializer.Serialize(index));
            }
        }
    }

    private void WriteRelease(string root, OriginRelease release)
    {
        var files = $"files/{release.Type}/{release.Version}/";
        var zips = release.Platforms.ToDictionary(p => p, p => (ZipOf ?? ProviderZip)(release.Type, release.Version, p));
        foreach (var (platform, zip) in zips)
        {
            Zips[(release.Type, release.Version, platform)] = zip;
            WriteBytes(root, files + FileName(release, platform), zip);
        }
        var sums = string.Concat(zips.OrderBy(z => z.Key, StringComparer.Ordinal)
            .Select(z => $"{Hex(SHA256.HashData(z.Value))}  {FileName(release, z.Key)}\n"));
        var sumsName = $"terraform-provider-{release.Type}_{release.Version}_SHA256SUMS";
        var sumsBytes = Encoding.UTF8.GetBytes(sums);
        WriteBytes(root, files + sumsName, sumsBytes);
        WriteBytes(root, files + sumsName + ".sig", SignDetached(sumsBytes));

        var packages = zips.ToDictionary(z => z.Key, z => new
        {
            hashes = PackagesMapH1 is null
                ? new[] { "zh:" + Hex(SHA256.HashData(z.Value)) }
                : new[] { PackagesMapH1(z.Value), "zh:" + Hex(SHA256.HashData(z.Value)) },
            package_size = z.Value.LongLength,
        });
        foreach (var (platform, zip) in zips)
        {
            var parts = platform.Split('_');
            var fileUrl = DownloadBase is null ? $"../../../../../../../{files}" : new Uri(DownloadBase, files).AbsoluteUri;
            var download = new Dictionary<string, object?>
            {
                ["protocols"] = new[] { "5.0" },
                ["os"] = parts[0],
                ["arch"] = parts[1],
                ["filename"] = FileName(release, platform),
                ["download_url"] = fileUrl + FileName(release, platform),
                ["shasums_url"] = fileUrl + sumsName,
                ["shasums_signature_url"] = fileUrl + sumsName + ".sig",
                ["shasum"] = Hex(SHA256.HashData(zip)),
                ["signing_keys"] = new { gpg_public_keys = new[] { new { key_id = "TESTKEY", ascii_armor = ArmoredPublicKey } } },
            };
            if (WithPackagesMap) download["packages"] = packages;
            Write(root, $"v1/providers/{release.Namespace}/{release.Type}/{release.Version}/download/{parts[0]}/{parts[1]}", JsonSerializer.Serialize(download));
        }
        if (NetworkMirrorHost is not null)
        {
            var archives = zips.ToDictionary(z => z.Key, z => new
            {
                url = $"../../../../{files}{FileName(release, z.Key)}",
                hashes = new[] { "zh:" + Hex(SHA256.HashData(z.Value)) },
            });
            Write(root, $"mirror/{NetworkMirrorHost}/{release.Namespace}/{release.Type}/{release.Version}.json", JsonSerializer.Serialize(new { archives }));
        }
    }

    public static string FileName(OriginRelease release, string platform) => $"terraform-provider-{release.Type}_{release.Version}_{platform}.zip";

    /// <summary>A provider-shaped zip written through a non-seekable stream, so entries are deflated with data descriptors as Go writes them.</summary>
    public static byte[] ProviderZip(string type, string version, string platform)
    {
        var target = new MemoryStream();
        using (var forwardOnly = new WriteOnlyStream(target))
        using (var zip = new ZipArchive(forwardOnly, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry($"terraform-provider-{type}_v{version}", CompressionLevel.Optimal);
            using var body = entry.Open();
            var line = Encoding.ASCII.GetBytes($"fake provider binary {type} {version} {platform}\n");
            for (var i = 0; i < 2000; i++) body.Write(line);
        }
        return target.ToArray();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static void Write(string root, string relative, string text) => WriteBytes(root, relative, Encoding.UTF8.GetBytes(text));

    private static void WriteBytes(string root, string relative, byte[] bytes)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
