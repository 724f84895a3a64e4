using System;
using System.Text;
using TofuMirror.Engine.Provenance;

namespace TofuMirror.Engine.Tests.Provenance;

/// <summary>Evidence shaped like an origin's (the bytes are not a real signature: these tests are about storage, not trust).</summary>
internal static class EvidenceSamples
{
    public static ProvenanceEvidence For(string version, string seed = "a") => new(
        "registry.opentofu.org/hashicorp/demo",
        version,
        Encoding.ASCII.GetBytes($"{new string('0', 63)}{seed}  terraform-provider-demo_{version}_linux_amd64.zip\n"),
        Encoding.ASCII.GetBytes($"-----BEGIN PGP SIGNATURE-----\n\nsig-{seed}\n-----END PGP SIGNATURE-----\n"),
        Encoding.ASCII.GetBytes("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nkey\n-----END PGP PUBLIC KEY BLOCK-----\n"),
        "https://registry.opentofu.org/v1/providers/hashicorp/demo/" + version + "/download/linux/amd64",
        ["34365D9472D7468F", "C874011F0AB405110D02105534365D9472D7468F"],
        new DateTimeOffset(2026, 12, 3, 12, 0, 0, 250, TimeSpan.FromHours(1)));
}
