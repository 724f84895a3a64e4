using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Diagnostics;
using static TofuMirror.Model.Tests.CliConfig.CliConfigTestHelpers;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class OciCredentialsPolicyTests
{
    /// <summary>Loads a policy fixture: home/ = $HOME, xdgconfig/ = $XDG_CONFIG_HOME, xdgrun/ = $XDG_RUNTIME_DIR, *.tfrc* loaded.</summary>
    private static (OciCredentialsPolicy Policy, IReadOnlyList<Diagnostic> Diagnostics) LoadPolicy(string caseName)
    {
        var real = Fixture(Path.Combine("oci-credentials-policy", caseName));
        var os = caseName.EndsWith("-darwin") ? CliOperatingSystem.MacOS : caseName.EndsWith("-windows") ? CliOperatingSystem.Windows : CliOperatingSystem.Linux;
        var fake = new FakeEnvironment { OperatingSystem = os };
        var root = os == CliOperatingSystem.Windows ? "C:\\case" : "/case";
        var sep = os == CliOperatingSystem.Windows ? "\\" : "/";
        fake.Tree(real, root);
        fake.Variable(os == CliOperatingSystem.Windows ? "USERPROFILE" : "HOME", root + sep + "home");
        if (Directory.Exists(Path.Combine(real, "xdgconfig"))) fake.Variable("XDG_CONFIG_HOME", root + sep + "xdgconfig");
        if (Directory.Exists(Path.Combine(real, "xdgrun"))) fake.Variable("XDG_RUNTIME_DIR", root + sep + "xdgrun");
        var configFiles = fake.Files.Keys
            .Where(k => k.StartsWith(root + sep) && k.Substring(root.Length + 1).IndexOfAny(new[] { '/', '\\' }) < 0 && (k.EndsWith(".tfrc") || k.EndsWith(".tfrc.json")))
            .OrderBy(k => k, System.StringComparer.Ordinal)
            .ToArray();
        var env = fake.Build();
        var config = CliConfigLoader.LoadFiles(configFiles, env);
        AssertNoErrors(config);
        var policy = OciCredentialsPolicy.Build(config, env, out var diagnostics);
        return (policy, diagnostics);
    }

    private static string? GlobalHelper(OciCredentialsPolicy policy)
    {
        var lookup = policy.Find("example.com", "foo/bar");
        Assert.IsNull(lookup.Error);
        return (lookup.Source as OciCredentialHelper)?.HelperName;
    }

    [TestMethod]
    [DataRow("ambient-global-credhelper-various-linux")]
    [DataRow("ambient-global-credhelper-various-darwin")]
    [DataRow("ambient-global-credhelper-various-windows")]
    [DataRow("ambient-global-credhelper-docker-linux")]
    [DataRow("ambient-global-credhelper-dockerlegacy-linux")]
    [DataRow("ambient-global-credhelper-xdgconfig-linux")]
    [DataRow("ambient-global-credhelper-xdgdefault-linux")]
    [DataRow("ambient-global-credhelper-xdgrun-linux")]
    [DataRow("ambient-global-credhelper-explicitpath-linux")]
    [DataRow("explicit-global-credhelper-linux")]
    public void GlobalHelperIsFake(string caseName)
    {
        // Spec case 40 and the conformance README.
        var (policy, diagnostics) = LoadPolicy(caseName);
        Assert.HasCount(0, diagnostics, string.Join("\n", diagnostics));
        Assert.AreEqual("fake", GlobalHelper(policy));
        var lookup = policy.Find("example.com", "foo/bar");
        Assert.AreEqual(OciCredentialsSpecificity.Global, lookup.Source!.Specificity);
        Assert.AreEqual("https://example.com", ((OciCredentialHelper)lookup.Source).ServerUrl);
    }

    [TestMethod]
    [DataRow("ambient-dockerstyle-disabled-linux")]
    [DataRow("ambient-totally-disabled-linux")]
    [DataRow("empty-linux")]
    public void NoCredentials(string caseName)
    {
        var (policy, _) = LoadPolicy(caseName);
        Assert.IsTrue(policy.Find("example.com", "foo/bar").IsAnonymous);
        Assert.HasCount(0, policy.Files);
    }

    [TestMethod]
    [DataRow("example.com", "foo/bar/baz", "example.com/foo/bar user")]
    [DataRow("example.com", "foo/bar", "example.com/foo/bar user")]
    [DataRow("example.com", "foo/baz", "example.com/foo user")]
    [DataRow("example.com", "foobar", "example.com user")]
    [DataRow("example.com", "other", "example.com user")]
    public void ExplicitSpecificity(string registry, string repository, string expectedUser)
    {
        var (policy, _) = LoadPolicy("explicit-specificity-linux");
        Assert.AreEqual(expectedUser, ((OciBasicCredentials)policy.Find(registry, repository).Source!).Username);
    }

    [TestMethod]
    public void ExplicitSpecificityAcrossHclAndJsonFiles()
    {
        var (policy, _) = LoadPolicy("explicit-specificity-linux");
        var oauth = (OciOAuthCredentials)policy.Find("example.net", "foo/x").Source!;
        Assert.AreEqual("example.net/foo access", oauth.AccessToken);
        Assert.AreEqual("example.net/foo refresh", oauth.RefreshToken);
        Assert.AreEqual("fake", ((OciCredentialHelper)policy.Find("example.net", "bar").Source!).HelperName);
        Assert.IsTrue(policy.Find("example.org", "foo").IsAnonymous);
        Assert.IsTrue(policy.Find("example.com:443", "foo").IsAnonymous);
    }

    [TestMethod]
    public void MixedExplicitAndAmbient()
    {
        // Spec case 39 and the mixed-darwin fixture.
        var (policy, _) = LoadPolicy("mixed-darwin");
        var domain = (OciBasicCredentials)policy.Find("example.com", "baz").Source!;
        Assert.AreEqual("example.com user", domain.Username);
        var foo = (OciBasicCredentials)policy.Find("example.com", "foo/x").Source!;
        Assert.AreEqual("example.com/foo user", foo.Username);
        var bar = (OciBasicCredentials)policy.Find("example.com", "bar").Source!;
        Assert.AreEqual("ambient-example.com-user", bar.Username);
        Assert.AreEqual("ambient-password", bar.Password);
        Assert.AreEqual(3, bar.Specificity);
        Assert.AreEqual("fake", ((OciCredentialHelper)policy.Find("example.net", "x").Source!).HelperName);
    }

    private static OciCredentialsPolicy PolicyFor(FakeEnvironment fake, string config = "")
    {
        var env = fake.Build();
        var loaded = CliConfigLoader.LoadText(config, "/etc/tofu.tfrc", env);
        AssertNoErrors(loaded);
        return OciCredentialsPolicy.Build(loaded, env, out _);
    }

    private static string Auth(string userPass) => System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(userPass));

    [TestMethod]
    public void RepositoryPrefixMatchesWholeSegments()
    {
        // Spec case 38.
        var fake = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.docker/config.json", "{\"auths\": {\"example.com/foo\": {\"auth\": \"" + Auth("u:p") + "\"}}}");
        var policy = PolicyFor(fake);
        var match = policy.Find("example.com", "foo/bar");
        Assert.AreEqual(3, match.Source!.Specificity);
        Assert.IsTrue(policy.Find("example.com", "foobar").IsAnonymous);
    }

    [TestMethod]
    public void FileDomainEntryBeatsExplicitGlobalHelper()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.docker/config.json", "{\"auths\": {\"example.com\": {\"auth\": \"" + Auth("u:p") + "\"}}, \"credHelpers\": {\"example.net\": \"nethelper\"}, \"credsStore\": \"store\"}");
        var policy = PolicyFor(fake, "oci_default_credentials {\n  docker_credentials_helper = \"explicit\"\n}\n");
        Assert.AreEqual("u", ((OciBasicCredentials)policy.Find("example.com", "x").Source!).Username);
        Assert.AreEqual("nethelper", ((OciCredentialHelper)policy.Find("example.net", "x").Source!).HelperName);
        Assert.AreEqual("explicit", ((OciCredentialHelper)policy.Find("example.org", "x").Source!).HelperName);
    }

    [TestMethod]
    public void AuthWithoutColonFailsTheLookupWhenItMatches()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.docker/config.json", "{\"auths\": {\"example.com\": {\"auth\": \"" + Auth("nocolon") + "\"}, \"empty.com\": {\"auth\": \"\"}}, \"credsStore\": \"store\"}");
        var policy = PolicyFor(fake, "oci_credentials \"example.com/x\" {\n  username = \"a\"\n  password = \"b\"\n}\n");
        var lookup = policy.Find("example.com", "x/y");
        Assert.IsNull(lookup.Source);
        Assert.AreEqual("finding credentials for \"example.com\": from /h/.docker/config.json: auth object for \"example.com\" in /h/.docker/config.json does not have base64-encoded username:password pair", lookup.Error);
        Assert.AreEqual("store", ((OciCredentialHelper)policy.Find("empty.com", "x").Source!).HelperName);
    }

    [TestMethod]
    public void AuthWithAnEmptyUsernameFailsTheLookupWhenItMatches()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.docker/config.json", "{\"auths\": {\"example.com\": {\"auth\": \"" + Auth(":pw") + "\"}}}");
        var lookup = PolicyFor(fake, "").Find("example.com", "x");
        Assert.IsNull(lookup.Source);
        Assert.AreEqual("finding credentials for \"example.com\": from /h/.docker/config.json: auth object for \"example.com\" in /h/.docker/config.json has an empty username; write base64 of username:password", lookup.Error);
    }

    [TestMethod]
    public void InvalidAmbientFileDiscardsAllAmbientFilesWithAWarning()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.config/containers/auth.json", "{\"credsStore\": \"good\"}")
            .File("/h/.docker/config.json", "{not json");
        var env = fake.Build();
        var policy = OciCredentialsPolicy.Build(CliConfigLoader.LoadText("", "/x.tfrc", env), env, out var diagnostics);
        Assert.AreEqual(DiagnosticSeverity.Warning, diagnostics.Single().Severity);
        Assert.Contains("parsing /h/.docker/config.json: invalid JSON syntax", diagnostics.Single().Detail!);
        Assert.IsTrue(policy.Find("example.com", "x").IsAnonymous);
    }

    [TestMethod]
    public void UnreadableAmbientFileAlsoDiscards()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h").File("/h/.dockercfg", "{\"credsStore\": \"good\"}");
        fake.Unreadable.Add("/h/.docker/config.json");
        var env = fake.Build();
        var policy = OciCredentialsPolicy.Build(CliConfigLoader.LoadText("", "/x.tfrc", env), env, out var diagnostics);
        Assert.HasCount(1, diagnostics);
        Assert.IsTrue(policy.Find("example.com", "x").IsAnonymous);
    }

    [TestMethod]
    public void MissingExplicitFileIsAnError()
    {
        var env = new FakeEnvironment().Build();
        var config = CliConfigLoader.LoadText("oci_default_credentials {\n  docker_style_config_files = [\"/nope.json\"]\n}\n", "/x.tfrc", env);
        OciCredentialsPolicy.Build(config, env, out var diagnostics);
        Assert.AreEqual(DiagnosticSeverity.Error, diagnostics.Single().Severity);
        StringAssert.StartsWith(diagnostics.Single().Summary, "discovering ambient OCI registry credentials: failed to read Docker-style config files: reading /nope.json");
    }

    [TestMethod]
    public void SearchLocationsPerOperatingSystem()
    {
        var linux = new FakeEnvironment().Variable("HOME", "/h").Variable("XDG_RUNTIME_DIR", "/run/u").Build();
        CollectionAssert.AreEqual(new[] { "/run/u/containers/auth.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg" },
            OciCredentialsPolicy.AmbientSearchLocations(linux).ToArray());
        var mac = new FakeEnvironment { OperatingSystem = CliOperatingSystem.MacOS }.Variable("HOME", "/h").Variable("XDG_RUNTIME_DIR", "/run/u").Build();
        CollectionAssert.AreEqual(new[] { "/h/.config/containers/auth.json", "/h/.config/containers/auth.json", "/h/.docker/config.json", "/h/.dockercfg" },
            OciCredentialsPolicy.AmbientSearchLocations(mac).ToArray());
        var windows = new FakeEnvironment { OperatingSystem = CliOperatingSystem.Windows }.Variable("USERPROFILE", "C:\\Users\\u").Build();
        Assert.AreEqual("C:\\Users\\u\\.docker\\config.json", OciCredentialsPolicy.AmbientSearchLocations(windows)[2]);
    }

    [TestMethod]
    public void SchemeKeysNeverMatch()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.docker/config.json", "{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \"" + Auth("u:p") + "\"}}}");
        Assert.IsTrue(PolicyFor(fake).Find("index.docker.io", "v1").IsAnonymous);
    }
}
