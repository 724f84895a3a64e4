using System;
using System.IO;
using System.Text;
using TofuMirror.Testing;

namespace TofuMirror.Engine.Tests.Trust;

/// <summary>OpenTofu's OpenPGP test fixtures (tests/TestData/opentofu/signatures).</summary>
internal static class OpenTofuSignatureFixtures
{
    private static string Folder => Path.Combine(RepoPaths.Conformance, "signatures");

    /// <summary>HashiCorp's real public key, key ID 34365D9472D7468F (expired since).</summary>
    public static string HashiCorpPublicKey => Text("hashicorp-public-key.asc");

    public const string HashiCorpKeyId = "34365D9472D7468F";

    /// <summary>Another author's public key that signed nothing here.</summary>
    public static string AnotherPublicKey => Text("another-public-key.asc");

    /// <summary>The test author's key, 5BFEEC4317E746008621970637A6AB3BCF2C170A.</summary>
    public static string TestAuthorPublicKey => Text("test-author-public-key.asc");

    public const string TestAuthorFingerprint = "5BFEEC4317E746008621970637A6AB3BCF2C170A";

    /// <summary>The text <c>example shasums data</c> that the test author's signatures are over.</summary>
    public static byte[] ExampleShaSumsData => File.ReadAllBytes(Path.Combine(Folder, "example-shasums-data.txt"));

    public static byte[] TestAuthorSignatureGood => Base64("test-author-signature-good.sig.base64");

    public static byte[] TestAuthorSignatureBad => Base64("test-author-signature-bad.sig.base64");

    /// <summary>SHA256SUMS of terraform-provider-null 3.1.0, signed by HashiCorp.</summary>
    public static byte[] NullShaSums => File.ReadAllBytes(Path.Combine(Folder, "terraform-provider-null_3.1.0_SHA256SUMS"));

    public static byte[] NullShaSumsHashiCorpSignature => Base64("terraform-provider-null_3.1.0_SHA256SUMS.sig.base64");

    private static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name), Encoding.ASCII);

    private static byte[] Base64(string name) => Convert.FromBase64String(Text(name).Trim());
}
