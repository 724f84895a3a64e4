using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Diagnostics;
using TofuMirror.Engine.Origin;
using TofuMirror.Engine.Trust;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;
using TofuMirror.Testing.OpenPgp;

namespace TofuMirror.Engine.Tests.Trust;

[TestClass]
public sealed class PackageAuthenticatorTests
{
    private static readonly Platform Linux = Platform.Parse("linux_amd64");
    private static readonly Platform Darwin = Platform.Parse("darwin_arm64");
    private static readonly byte[] LinuxZip = Encoding.ASCII.GetBytes("pretend linux zip");
    private static readonly byte[] DarwinZip = Encoding.ASCII.GetBytes("pretend darwin zip, a bit longer");
    private static readonly string LinuxSha = Sha(LinuxZip);
    private static readonly string DarwinSha = Sha(DarwinZip);
    private static readonly byte[] ShaSums = Encoding.ASCII.GetBytes(
        $"{DarwinSha}  terraform-provider-demo_1.2.0_darwin_arm64.zip\n{LinuxSha}  terraform-provider-demo_1.2.0_linux_amd64.zip\n");

    private static readonly PackageAuthenticationOptions Defaults = new();

    [TestMethod]
    public void A_signed_package_is_authentic_and_locks_every_platform_of_the_signed_sums()
    {
        var author = TestSigningKey.Get();

        var result = Authenticate(Package(author), LinuxSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        Assert.IsTrue(result.IsAuthentic, result.Error?.ToString());
        Assert.IsTrue(result.IsSigned);
        Assert.AreEqual(0, result.Warnings.Count);
        Assert.AreEqual(author.KeyId, result.SignerKeyId);
        Assert.AreEqual(author.Fingerprint, result.SignerFingerprint);
        Assert.AreEqual(PackageHash.Create("zh", LinuxSha), result.SignedHashes[Linux]);
        Assert.AreEqual(PackageHash.Create("zh", DarwinSha), result.SignedHashes[Darwin]);
        Assert.AreEqual(2, result.ReportedHashes.Count);
    }

    [TestMethod]
    public void Packages_map_without_the_target_platform_is_inconsistent()
    {
        var author = TestSigningKey.Get();
        var package = Package(author) with { ReportedHashes = Reported(Darwin, DarwinSha, DarwinZip.Length) };

        var result = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.OriginPackagesInconsistent, "linux_amd64");
    }

    [TestMethod]
    [DataRow(0L)]
    [DataRow(5L)]
    public void Packages_map_size_that_is_not_the_download_size_is_inconsistent(long reportedSize)
    {
        var author = TestSigningKey.Get();
        var package = Package(author) with { ReportedHashes = Reported(Linux, LinuxSha, reportedSize) };

        var result = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.OriginPackagesInconsistent, LinuxZip.Length.ToString());
    }

    [TestMethod]
    public void Packages_map_zh_that_is_not_the_shasum_is_inconsistent()
    {
        var author = TestSigningKey.Get();
        var package = Package(author) with { ReportedHashes = Reported(Linux, DarwinSha, LinuxZip.Length) };

        var result = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.OriginPackagesInconsistent, DarwinSha);
    }

    [TestMethod]
    public void Sums_line_that_differs_from_the_shasum_fails()
    {
        var author = TestSigningKey.Get();
        var package = Package(author) with { Shasum = DarwinSha, ReportedHashes = new Dictionary<Platform, OriginPlatformHashes>() };

        var result = Authenticate(package, DarwinSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.PackageShasumMismatch, "SHA256SUMS lists " + LinuxSha);
    }

    [TestMethod]
    public void Sums_without_a_line_for_the_file_fails()
    {
        var author = TestSigningKey.Get();
        var package = Package(author) with { Filename = "terraform-provider-demo_1.2.0_windows_amd64.zip", ReportedHashes = new Dictionary<Platform, OriginPlatformHashes>() };

        var result = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.PackageShasumMismatch, "no line");
    }

    [TestMethod]
    public void Zip_whose_hash_is_not_the_shasum_fails()
    {
        var author = TestSigningKey.Get();

        var result = Authenticate(Package(author), DarwinSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.PackageShasumMismatch, "downloaded zip's SHA-256 is " + DarwinSha);
    }

    [TestMethod]
    public void Signature_by_another_key_fails_listing_the_keys_tried()
    {
        var author = TestSigningKey.Get();
        var impostor = TestSigningKey.Get("impostor");

        var result = Authenticate(Package(author), LinuxSha, LinuxZip.Length, ShaSums, impostor.SignDetached(ShaSums));

        AssertFails(result, DiagnosticCodes.SignatureNotVerified, author.KeyId);
    }

    [TestMethod]
    public void Signature_over_other_sums_fails()
    {
        var author = TestSigningKey.Get();
        var signature = author.SignDetached(Encoding.ASCII.GetBytes("other content"));

        var result = Authenticate(Package(author), LinuxSha, LinuxZip.Length, ShaSums, signature);

        AssertFails(result, DiagnosticCodes.SignatureNotVerified, "does not verify");
    }

    [TestMethod]
    public void Expired_key_is_a_warning_unless_expiry_is_enforced()
    {
        var author = TestSigningKey.Expired();
        var signature = author.SignDetached(ShaSums);

        var lenient = Authenticate(Package(author), LinuxSha, LinuxZip.Length, ShaSums, signature);
        var strict = Authenticate(Package(author), LinuxSha, LinuxZip.Length, ShaSums, signature, new PackageAuthenticationOptions(EnforceGpgExpiration: true));

        Assert.IsTrue(lenient.IsAuthentic);
        Assert.AreEqual(DiagnosticCodes.SigningKeyExpired, lenient.Warnings.Single().Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, lenient.Warnings.Single().Severity);
        Assert.AreEqual(author.KeyId, lenient.SignerKeyId);
        AssertFails(strict, DiagnosticCodes.SigningKeyExpired, author.KeyId);
    }

    [TestMethod]
    public void No_keys_from_the_default_registry_is_a_warning_unless_validation_is_enforced()
    {
        var package = Package(null, "registry.opentofu.org/example/demo");

        var lenient = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, null);
        var strict = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, null, new PackageAuthenticationOptions(EnforceGpgValidation: true));

        Assert.IsTrue(lenient.IsAuthentic);
        Assert.IsFalse(lenient.IsSigned);
        Assert.AreEqual(DiagnosticCodes.NoSigningKeys, lenient.Warnings.Single().Code);
        Assert.AreEqual(PackageHash.Create("zh", DarwinSha), lenient.SignedHashes[Darwin]);
        AssertFails(strict, DiagnosticCodes.NoSigningKeys, "no signing keys");
    }

    [TestMethod]
    public void No_keys_from_another_registry_is_an_error()
    {
        var result = Authenticate(Package(null, "registry.example.test/example/demo"), LinuxSha, LinuxZip.Length, ShaSums, null);

        AssertFails(result, DiagnosticCodes.NoSigningKeys, "registry.example.test/example/demo");
    }

    [TestMethod]
    public void Logging_commands_from_the_origin_are_neutralised()
    {
        var author = TestSigningKey.Get();
        var package = Package(author) with { Shasum = "##vso[task.complete result=Succeeded]", ReportedHashes = new Dictionary<Platform, OriginPlatformHashes>() };

        var result = Authenticate(package, LinuxSha, LinuxZip.Length, ShaSums, author.SignDetached(ShaSums));

        Assert.IsFalse(result.IsAuthentic);
        Assert.IsFalse(result.Error!.ToString().Contains("##vso["), result.Error.ToString());
    }

    [TestMethod]
    public void OpenTofu_HashiCorp_fixture_authenticates_with_an_expired_key_warning()
    {
        var sums = OpenTofuSignatureFixtures.NullShaSums;
        var sha = "53e30545ff8926a8e30ad30648991ca8b93b6fa496272cd23b26763c8ee84515";
        var package = new OriginPackage(
            ProviderAddress.Parse("hashicorp/null"), ProviderVersion.Parse("3.1.0"), Linux,
            "terraform-provider-null_3.1.0_linux_amd64.zip", new Uri("https://releases.example.test/null_3.1.0_linux_amd64.zip"),
            sha, 1000, new Dictionary<Platform, OriginPlatformHashes>(),
            new OriginSignature(new Uri("https://releases.example.test/SHA256SUMS"), new Uri("https://releases.example.test/SHA256SUMS.sig"),
                [OpenTofuSignatureFixtures.AnotherPublicKey, OpenTofuSignatureFixtures.HashiCorpPublicKey]));

        var result = PackageAuthenticator.Authenticate(package, sha, 1000, sums, OpenTofuSignatureFixtures.NullShaSumsHashiCorpSignature, Defaults, DateTimeOffset.UtcNow);

        Assert.IsTrue(result.IsAuthentic, result.Error?.ToString());
        Assert.AreEqual(OpenTofuSignatureFixtures.HashiCorpKeyId, result.SignerKeyId);
        Assert.AreEqual(DiagnosticCodes.SigningKeyExpired, result.Warnings.Single().Code);
        Assert.AreEqual(11, result.SignedHashes.Count);
    }

    private static PackageAuthentication Authenticate(OriginPackage package, string zipSha, long size, byte[]? sums, byte[]? signature, PackageAuthenticationOptions? options = null) =>
        PackageAuthenticator.Authenticate(package, zipSha, size, sums, signature, options ?? Defaults, DateTimeOffset.UtcNow);

    private static void AssertFails(PackageAuthentication result, string code, string messagePart)
    {
        Assert.IsFalse(result.IsAuthentic);
        Assert.AreEqual(code, result.Error!.Code, result.Error.ToString());
        StringAssert.Contains(result.Error.ToString(), messagePart);
        StringAssert.Contains(result.Error.ToString(), "1.2.0");
    }

    private static OriginPackage Package(TestSigningKey? author, string provider = "registry.example.test/example/demo")
    {
        var reported = Reported(Linux, LinuxSha, LinuxZip.Length);
        reported[Darwin] = new OriginPlatformHashes([PackageHash.Create("zh", DarwinSha)], DarwinZip.Length);
        return new OriginPackage(
            ProviderAddress.Parse(provider), ProviderVersion.Parse("1.2.0"), Linux,
            "terraform-provider-demo_1.2.0_linux_amd64.zip", new Uri("https://releases.example.test/demo_1.2.0_linux_amd64.zip"),
            LinuxSha, LinuxZip.Length, reported,
            new OriginSignature(new Uri("https://releases.example.test/SHA256SUMS"), new Uri("https://releases.example.test/SHA256SUMS.sig"),
                author is null ? [] : [author.ArmoredPublicKey]));
    }

    private static Dictionary<Platform, OriginPlatformHashes> Reported(Platform platform, string zh, long size) =>
        new() { [platform] = new OriginPlatformHashes([PackageHash.Create("zh", zh)], size) };

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
