using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Origin;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Logging;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// Authenticates a package downloaded from an origin registry the way OpenTofu does, first failure stopping:
/// (1) the origin's per-platform <c>packages</c> map, when present, agrees with the download (entry, size, <c>zh:</c>);
/// (2) the SHA256SUMS line for the file name is the origin's <c>shasum</c>; (3) the zip's SHA-256 is the <c>shasum</c>;
/// (4) the detached signature of SHA256SUMS verifies with one of the origin's keys. Text from the origin is neutralised
/// before it reaches a message.
/// </summary>
public static class PackageAuthenticator
{
    /// <summary>
    /// Checks <paramref name="package"/> given the downloaded zip's SHA-256 (hex) and size, the SHA256SUMS bytes and
    /// their signature (both null when the origin offers no signed checksums); expiry is judged at <paramref name="now"/>.
    /// </summary>
    public static PackageAuthentication Authenticate(
        OriginPackage package,
        string zipSha256,
        long zipSize,
        byte[]? shaSums,
        byte[]? signature,
        PackageAuthenticationOptions options,
        DateTimeOffset now)
    {
        var describe = new PackageDescription(package);
        var reported = package.ReportedHashes.ToDictionary(e => e.Key, e => e.Value.Hashes);
        var shasum = package.Shasum?.ToLowerInvariant();
        var zipHash = zipSha256.ToLowerInvariant();

        PackageAuthentication Fail(Diagnostic error) =>
            new(error, [], null, null, null, new Dictionary<Platform, PackageHash>(), reported);

        if (shasum is null)
        {
            return Fail(describe.Error(DiagnosticCodes.PackageShasumMismatch, "has no checksum from its origin",
                "the origin's download answer has no \"shasum\", so the package cannot be checked"));
        }
        if (package.ReportedHashes.Count > 0 && CheckPackagesMap(package, shasum, zipSize, describe) is { } inconsistent)
        {
            return Fail(inconsistent);
        }

        ShaSumsFile? sums = null;
        if (shaSums is not null)
        {
            sums = ShaSumsFile.Parse(Encoding.UTF8.GetString(shaSums), package.Signature?.ShaSumsUrl.ToString() ?? "SHA256SUMS", out var sumsProblems);
            if (sums is null) return Fail(sumsProblems[0]);
            var listed = sums.Find(package.Filename);
            if (listed != shasum)
            {
                return Fail(describe.Error(DiagnosticCodes.PackageShasumMismatch, "does not match its SHA256SUMS line",
                    listed is null
                        ? $"SHA256SUMS has no line for \"{Shown(package.Filename)}\""
                        : $"SHA256SUMS lists {listed} for \"{Shown(package.Filename)}\" but the origin's shasum is {Shown(shasum)}"));
            }
        }
        if (zipHash != shasum)
        {
            return Fail(describe.Error(DiagnosticCodes.PackageShasumMismatch, "does not match its checksum",
                $"the downloaded zip's SHA-256 is {zipHash} but the origin's shasum is {Shown(shasum)}; the download is corrupt or was altered"));
        }

        var warnings = new List<Diagnostic>();
        var signedHashes = sums?.ZipHashesByPlatform(package.Provider.Type) ?? new Dictionary<Platform, PackageHash>();
        var keys = package.Signature?.ArmoredPublicKeys ?? [];
        if (keys.Count == 0 || shaSums is null || signature is null)
        {
            var noKeys = describe.Error(DiagnosticCodes.NoSigningKeys, "cannot be checked against a signature",
                "the origin offers no signing keys or no signed checksums");
            if (!package.Provider.IsDefaultHost || options.EnforceGpgValidation) return Fail(noKeys);
            warnings.Add(noKeys with { Severity = DiagnosticSeverity.Warning });
            return new PackageAuthentication(null, warnings, null, null, sums, signedHashes, reported);
        }

        var keyring = OpenPgpKeyring.Empty;
        foreach (var armored in keys)
        {
            if (!OpenPgpKeyring.TryRead(armored, out var key, out var keyError))
            {
                return Fail(describe.Error(DiagnosticCodes.OpenPgpDataInvalid, "has an unreadable signing key", $"a key the origin offers: {Shown(keyError)}"));
            }
            keyring = keyring.Concat(key);
        }

        var check = DetachedSignatureVerifier.Verify(shaSums, signature, keyring, now);
        switch (check.Status)
        {
            case SignatureStatus.Valid:
                break;
            case SignatureStatus.ValidButKeyExpired:
                var expired = describe.Error(DiagnosticCodes.SigningKeyExpired, "is signed with an expired key",
                    $"{check.Problem}; OpenTofu accepts it with a warning unless {PackageAuthenticationOptions.EnforceGpgExpirationVariable}=true");
                if (options.EnforceGpgExpiration) return Fail(expired);
                warnings.Add(expired with { Severity = DiagnosticSeverity.Warning });
                break;
            case SignatureStatus.Malformed:
                return Fail(describe.Error(DiagnosticCodes.OpenPgpDataInvalid, "has an unreadable signature", Shown(check.Problem ?? "")));
            default:
                return Fail(describe.Error(DiagnosticCodes.SignatureNotVerified, "is not signed by its author's key",
                    $"the signature of SHA256SUMS does not verify with the key(s) tried ({string.Join(", ", check.KeyIdsTried)}): {Shown(check.Problem ?? "")}; "
                    + "do not use this release and contact the provider author"));
        }
        return new PackageAuthentication(null, warnings, check.SignerKeyId, check.SignerFingerprint, sums, signedHashes, reported);
    }

    private static Diagnostic? CheckPackagesMap(OriginPackage package, string shasum, long zipSize, PackageDescription describe)
    {
        if (!package.ReportedHashes.TryGetValue(package.Platform, out var entry))
        {
            return describe.Error(DiagnosticCodes.OriginPackagesInconsistent, "is missing from its origin's packages map",
                $"the origin's packages list no entry for {package.Platform}");
        }
        if (entry.PackageSize is not > 0 || entry.PackageSize != zipSize)
        {
            return describe.Error(DiagnosticCodes.OriginPackagesInconsistent, "has a different size than its origin reports",
                $"the origin's packages give size {entry.PackageSize?.ToString() ?? "(none)"} but the download is {zipSize} bytes");
        }
        var zipHashes = entry.Hashes.Where(h => h.Scheme == PackageHash.SchemeZip).ToList();
        var other = zipHashes.FirstOrDefault(h => !string.Equals(h.Value, shasum, StringComparison.OrdinalIgnoreCase));
        if (zipHashes.Count == 0 || other is not null)
        {
            return describe.Error(DiagnosticCodes.OriginPackagesInconsistent, "has packages that contradict its shasum",
                other is null
                    ? $"the origin's packages give no zh: hash for {package.Platform}"
                    : $"the origin's packages give {Shown(other.ToString())} for {package.Platform} but its shasum is {Shown(shasum)}");
        }
        return null;
    }

    private static string Shown(string text) => LoggingCommandText.Neutralize(new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray()));

    /// <summary>Names the package in messages: provider, version, platform and download URL.</summary>
    private sealed class PackageDescription(OriginPackage package)
    {
        private readonly string name = $"{package.Provider} {package.Version} ({package.Platform})";

        public Diagnostic Error(string code, string problem, string detail) =>
            TofuMirror.Diagnostics.Diagnostic.Error(
                $"Provider {name} {problem}",
                $"{detail} (package {Shown(package.DownloadUrl.ToString())}).",
                null) with { Code = code };
    }
}
