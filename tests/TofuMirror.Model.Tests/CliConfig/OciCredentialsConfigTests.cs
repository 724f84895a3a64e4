using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using static TofuMirror.Model.Tests.CliConfig.CliConfigTestHelpers;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class OciCredentialsConfigTests
{
    [TestMethod]
    [DataRow("oci-credentials-basic")]
    [DataRow("oci-credentials-basic.json")]
    public void Basic(string fixture)
    {
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        var block = config.OciCredentials.Single();
        Assert.AreEqual("example.com", block.RepositoryPrefix);
        Assert.AreEqual("foo", block.Username);
        Assert.AreEqual("bar", block.Password);
        Assert.DoesNotContain("bar", block.ToString());
    }

    [TestMethod]
    [DataRow("oci-credentials-credhelper")]
    [DataRow("oci-credentials-credhelper.json")]
    public void CredentialHelper(string fixture)
    {
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        Assert.AreEqual("osxkeychain", config.OciCredentials.Single().DockerCredentialsHelper);
    }

    [TestMethod]
    [DataRow("oci-credentials-multi")]
    [DataRow("oci-credentials-multi.json")]
    public void Multi(string fixture)
    {
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        CollectionAssert.AreEqual(new[] { "example.com:foo:bar", "example.net:baz:beep" },
            config.OciCredentials.Select(b => $"{b.RepositoryPrefix}:{b.Username}:{b.Password}").ToArray());
    }

    [TestMethod]
    [DataRow("oci-credentials-oauth")]
    [DataRow("oci-credentials-oauth.json")]
    public void OAuth(string fixture)
    {
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        var block = config.OciCredentials.Single();
        Assert.AreEqual("foo", block.AccessToken);
        Assert.AreEqual("bar", block.RefreshToken);
    }

    [TestMethod]
    [DataRow("oci-credentials-basic-nopassword", "The oci_credentials block at 1:31 must set both username and password together when using static credentials.")]
    [DataRow("oci-credentials-basic-nousername", "must set both username and password together")]
    [DataRow("oci-credentials-credhelper-badsyntax", "specifies the invalid Docker credential helper name \"not/valid\". Must be a non-empty string that could be used as part of an executable filename.")]
    [DataRow("oci-credentials-credhelper-repopath", "cannot set docker_credentials_helper with a repository path")]
    [DataRow("oci-credentials-duplicate", "Duplicate oci_credentials block for \"example.com\"")]
    [DataRow("oci-credentials-empty", "must set either username+password, access_token+refresh_token, or docker_credentials_helper.")]
    [DataRow("oci-credentials-mixedstyles", "must set only one group out of username+password, access_token+refresh_token, or docker_credentials_helper.")]
    [DataRow("oci-credentials-oauth-noaccess", "must set both access_token and refresh_token together")]
    [DataRow("oci-credentials-oauth-norefresh", "must set both access_token and refresh_token together")]
    [DataRow("oci-default-credentials-duplicate", "No more than one oci_default_credentials block may be specified")]
    [DataRow("oci-default-credentials-inconsistent", "disables discovery of ambient credentials, but also sets docker_style_config_files")]
    public void InvalidFixtures(string fixture, string expected)
    {
        // Spec cases 32-37.
        AssertSingleError(LoadFixture(fixture), expected);
    }

    [TestMethod]
    public void DuplicateCitesBothBlocks()
    {
        var d = LoadFixture("oci-credentials-duplicate").Diagnostics.Single();
        Assert.AreEqual(6, d.Subject!.Value.Start.Line);
        Assert.AreEqual(1, d.Context!.Value.Start.Line);
    }

    [TestMethod]
    [DataRow("oci_credentials {\n  username = \"a\"\n  password = \"b\"\n}\n", "must have one label, giving an OCI repository address prefix")]
    [DataRow("oci_credentials \"example.com/foo:tag\" {\n  username = \"a\"\n  password = \"b\"\n}\n", "has an invalid block label: invalid reference: artifact tag or digest not allowed.")]
    [DataRow("oci_credentials \"exa mple.com\" {\n  username = \"a\"\n  password = \"b\"\n}\n", "has an invalid block label")]
    [DataRow("oci_default_credentials \"x\" {\n}\n", "The oci_default_credentials block at 1:1 must not have any labels.")]
    [DataRow("oci_default_credentials {\n  docker_credentials_helper = \"not/valid\"\n}\n", "invalid Docker credential helper name \"not/valid\"")]
    public void InvalidBlocks(string text, string expected) => AssertSingleError(LoadText(text), expected);

    [TestMethod]
    [DataRow("oci-default-credentials")]
    [DataRow("oci-default-credentials.json")]
    public void DefaultCredentials(string fixture)
    {
        var config = LoadFixture(fixture);
        AssertNoErrors(config);
        var d = config.OciDefaultCredentials!;
        Assert.IsTrue(d.DiscoverAmbientCredentials);
        CollectionAssert.AreEqual(new[] { "/foo/bar/auth.json" }, d.DockerStyleConfigFiles!.ToArray());
        Assert.AreEqual("osxkeychain", d.DockerCredentialsHelper);
    }

    [TestMethod]
    public void DefaultCredentialsDefaults()
    {
        var config = LoadFixture("oci-default-credentials-defaults");
        AssertNoErrors(config);
        Assert.IsTrue(config.OciDefaultCredentials!.DiscoverAmbientCredentials);
        Assert.IsNull(config.OciDefaultCredentials.DockerStyleConfigFiles);
        Assert.IsNull(config.OciDefaultCredentials.DockerCredentialsHelper);
    }

    [TestMethod]
    public void NoDockerMeansEmptyList()
    {
        var config = LoadFixture("oci-default-credentials-no-docker");
        AssertNoErrors(config);
        Assert.IsTrue(config.OciDefaultCredentials!.DiscoverAmbientCredentials);
        Assert.HasCount(0, config.OciDefaultCredentials.DockerStyleConfigFiles!);
    }

    [TestMethod]
    public void RelativeDockerFilesResolveAgainstTheConfigFileDirectory()
    {
        var config = CliConfigLoader.LoadText("oci_default_credentials {\n  docker_style_config_files = [\"./a/../auth.json\", \"/abs.json\"]\n}\n",
            "/etc/tofu/main.tfrc", new FakeEnvironment().Build());
        CollectionAssert.AreEqual(new[] { "/etc/tofu/auth.json", "/abs.json" }, config.OciDefaultCredentials!.DockerStyleConfigFiles!.ToArray());
    }
}
