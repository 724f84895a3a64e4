using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Provenance;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;
using TofuMirror.Oci;
using TofuMirror.Testing.OpenPgp;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>Signed SHA256SUMS evidence for generated release zips, as an author publishes it, and its attachment to a mirror's index.</summary>
internal static class SignedReleases
{
    /// <summary>The SHA256SUMS text listing each zip (by its file name) and any extra <c>(file name, hex)</c> lines.</summary>
    public static string ShaSumsOf(IEnumerable<string> zips, params (string FileName, string Hex)[] extra) =>
        string.Concat(zips.Select(z => (Path.GetFileName(z), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(z)))))
            .Concat(extra).OrderBy(l => l.Item1, StringComparer.Ordinal).Select(l => $"{l.Item2}  {l.Item1}\n"));

    /// <summary>Evidence of <paramref name="shaSums"/> signed by <paramref name="key"/> (whose public key is stored beside it).</summary>
    public static ProvenanceEvidence Evidence(ProviderAddress provider, string version, string shaSums, TestSigningKey key)
    {
        var bytes = Encoding.ASCII.GetBytes(shaSums);
        return new ProvenanceEvidence(provider.ToString(), version, bytes, key.SignDetached(bytes), Encoding.ASCII.GetBytes(key.ArmoredPublicKey),
            $"https://{provider.Hostname}/v1/providers/{provider.Namespace}/{provider.Type}/{version}/download/linux/amd64", [key.KeyId],
            new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    }

    /// <summary>Attaches <paramref name="evidence"/> to the index <paramref name="store"/> tags as <paramref name="version"/>.</summary>
    public static async Task AttachAsync(IOciRepositoryStore store, string version, ProvenanceEvidence evidence)
    {
        var index = await ProviderArtifactResolver.ResolveVersionTagAsync(store, ProviderVersion.Parse(version), default);
        await new ProvenanceStore(store).AttachAsync(index, evidence, default);
    }

    /// <summary>Trust anchors of the keys' fingerprints (a fingerprint list, as a user writes one).</summary>
    public static TrustAnchors Anchors(params TestSigningKey[] keys)
    {
        var list = Encoding.ASCII.GetBytes(string.Concat(keys.Select(k => k.Fingerprint + "\n")));
        return TrustAnchors.Parse([("anchors.txt", list)], out var problems) ?? throw new InvalidOperationException(string.Join("; ", problems));
    }
}
