using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Auth;

namespace TofuMirror.Oci.Tests.Auth;

[TestClass]
public sealed class CredentialProviderTests
{
    [TestMethod]
    public async Task StaticProviderPrefersLongestSegmentPrefixAndExactHost()
    {
        var basic = OciCredential.Basic("u", "p");
        var specific = OciCredential.Basic("v", "q");
        var provider = new StaticCredentialProvider()
            .Add("example.com", basic)
            .Add("example.com/foo", specific);
        Assert.AreEqual(specific, await provider.GetCredentialAsync("example.com", "foo/bar", default));
        Assert.AreEqual(basic, await provider.GetCredentialAsync("example.com", "foobar", default));
        Assert.AreEqual(OciCredential.None, await provider.GetCredentialAsync("example.com:5000", "foo", default));
        Assert.AreEqual(OciCredential.None, await provider.GetCredentialAsync("other.com", "foo", default));
    }

    [TestMethod]
    public void CredentialToStringHidesSecrets()
    {
        Assert.IsFalse(OciCredential.Basic("alice", "pw-secret").ToString().Contains("pw-secret"));
        Assert.IsFalse(OciCredential.Tokens("at-secret", "rt-secret").ToString().Contains("secret"));
    }

    [TestMethod]
    [DataRow("", false)]
    [DataRow("not/valid", false)]
    [DataRow("desktop", true)]
    [DataRow("ecr-login", true)]
    public void HelperNameValidity(string name, bool valid) => Assert.AreEqual(valid, DockerCredentialHelper.IsValidName(name));

    private static string Script(string body)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("shell scripts need a Unix shell");
            return string.Empty;
        }

        var path = Path.Combine(Path.GetTempPath(), "docker-credential-fake-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [TestMethod]
    public async Task HelperReturnsUsernamePasswordForTheServerUrl()
    {
        // Echo the server URL back as the username to prove what was written to stdin.
        var script = Script("[ \"$1\" = get ] || exit 3\nread url\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"pw\"}' \"$url\" \"$url\"");
        var helper = new DockerCredentialHelper("fake", script);
        var credential = await helper.GetCredentialAsync("registry.test:5000", "a/b", default);
        Assert.AreEqual(OciCredentialKind.UsernamePassword, credential.Kind);
        Assert.AreEqual("https://registry.test:5000", credential.Username);
        Assert.AreEqual("pw", credential.Password);
        File.Delete(script);
    }

    [TestMethod]
    public async Task HelperTokenUsernameMeansRefreshToken()
    {
        var script = Script("cat >/dev/null\necho '{\"Username\":\"<token>\",\"Secret\":\"identity-token\"}'");
        var credential = await new DockerCredentialHelper("fake", script).GetCredentialAsync("r.test", "a", default);
        Assert.AreEqual(OciCredentialKind.Tokens, credential.Kind);
        Assert.AreEqual("identity-token", credential.RefreshToken);
        File.Delete(script);
    }

    [TestMethod]
    public async Task HelperNotFoundIsAnonymousAndOtherFailuresAreErrors()
    {
        var missing = Script("cat >/dev/null\necho 'credentials not found in native keychain'\nexit 1");
        Assert.AreEqual(OciCredential.None, await new DockerCredentialHelper("fake", missing).GetCredentialAsync("r.test", "a", default));
        var broken = Script("cat >/dev/null\necho 'keychain locked' >&2\nexit 2");
        var e = await Assert.ThrowsExactlyAsync<OciException>(() => new DockerCredentialHelper("fake", broken).GetCredentialAsync("r.test", "a", default));
        StringAssert.Contains(e.Message, "keychain locked");
        StringAssert.Contains(e.Message, "exit code 2");
        var absent = await Assert.ThrowsExactlyAsync<OciException>(() => new DockerCredentialHelper("surely-not-installed-xyz").GetCredentialAsync("r.test", "a", default));
        StringAssert.Contains(absent.Message, "could not run Docker credential helper");
        File.Delete(missing);
        File.Delete(broken);
    }
}
