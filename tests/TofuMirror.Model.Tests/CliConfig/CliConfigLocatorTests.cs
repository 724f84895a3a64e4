using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.CliConfig;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Tests.CliConfig;

[TestClass]
public sealed class CliConfigLocatorTests
{
    [TestMethod]
    public void OverrideToMissingFileWarnsAndSkipsTheDirectory()
    {
        // Spec case 47.
        var env = new FakeEnvironment().Variable("HOME", "/h").Variable("TF_CLI_CONFIG_FILE", "/nonexistent")
            .File("/h/.terraform.d/a.tfrc", "plugin_cache_dir = \"/c\"").Build();
        var location = CliConfigLocator.Locate(env);
        Assert.IsNull(location.MainFile);
        Assert.HasCount(0, location.Files);
        var d = location.Diagnostics.Single();
        Assert.AreEqual(DiagnosticSeverity.Warning, d.Severity);
        Assert.AreEqual("Unable to open CLI configuration file", d.Summary);
        Assert.AreEqual("The CLI configuration file at \"/nonexistent\" does not exist. The path comes from the TF_CLI_CONFIG_FILE " +
            "environment variable; while it is set, no other CLI configuration file is read. Correct or unset it.", d.Detail);
        var config = CliConfigLoader.Load(env);
        Assert.IsFalse(config.HasErrors);
        Assert.IsNull(config.PluginCacheDir);
    }

    [TestMethod]
    public void OverrideToMissingFileNamesTheLegacyVariableWhenThatChoseIt()
    {
        var env = new FakeEnvironment().Variable("HOME", "/h").Variable("TERRAFORM_CONFIG", "/nonexistent").Build();
        StringAssert.Contains(CliConfigLocator.Locate(env).Diagnostics.Single().Detail, "comes from the TERRAFORM_CONFIG environment variable");
    }

    [TestMethod]
    public void LegacyOverrideVariable()
    {
        var env = new FakeEnvironment().Variable("TERRAFORM_CONFIG", "/cfg").File("/cfg", "").Build();
        Assert.AreEqual("/cfg", CliConfigLocator.Locate(env).MainFile);
    }

    [TestMethod]
    public void TofuMirrorsOwnVariableIsNotAnOpenTofuOverride()
    {
        var env = new FakeEnvironment().Variable("HOME", "/h").Variable("TOFU_CLI_CONFIG_FILE", "/cfg").File("/cfg", "").Build();
        var location = CliConfigLocator.Locate(env);
        Assert.IsFalse(location.Overridden);
        Assert.AreEqual("/h/.tofurc", location.MainFileCandidate);
    }

    [TestMethod]
    public void DefaultFileThenLegacyThenXdg()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h").Variable("XDG_CONFIG_HOME", "/x");
        Assert.AreEqual("/x/opentofu/tofurc", CliConfigLocator.MainFilePath(fake.Build()));
        fake.File("/h/.terraformrc", "");
        Assert.AreEqual("/h/.terraformrc", CliConfigLocator.MainFilePath(fake.Build()));
        fake.File("/h/.tofurc", "");
        Assert.AreEqual("/h/.tofurc", CliConfigLocator.MainFilePath(fake.Build()));
    }

    [TestMethod]
    public void WindowsUsesAppData()
    {
        var fake = new FakeEnvironment { OperatingSystem = CliOperatingSystem.Windows }.Variable("APPDATA", "C:\\Users\\u\\AppData\\Roaming");
        Assert.AreEqual("C:\\Users\\u\\AppData\\Roaming\\tofu.rc", CliConfigLocator.MainFilePath(fake.Build()));
        fake.File("C:\\Users\\u\\AppData\\Roaming\\terraform.rc", "");
        Assert.AreEqual("C:\\Users\\u\\AppData\\Roaming\\terraform.rc", CliConfigLocator.MainFilePath(fake.Build()));
        Assert.AreEqual("C:\\Users\\u\\AppData\\Roaming\\terraform.d", CliConfigLocator.ConfigDirectoryPath(fake.Build()));
    }

    [TestMethod]
    public void DirectoryFilesAreMergedInNameOrderAfterTheMainFile()
    {
        var env = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.tofurc", "oci_credentials \"a.io\" {\n  username = \"u\"\n  password = \"p\"\n}\n")
            .File("/h/.terraform.d/b.tfrc", "plugin_cache_dir = \"/b\"\nprovider_installation {\n  direct {}\n}\n")
            .File("/h/.terraform.d/a.tfrc.json", "{\"plugin_cache_dir\": \"/a\"}")
            .File("/h/.terraform.d/ignored.txt", "garbage {")
            .Build();
        var location = CliConfigLocator.Locate(env);
        CollectionAssert.AreEqual(new[] { "/h/.tofurc", "/h/.terraform.d/a.tfrc.json", "/h/.terraform.d/b.tfrc" }, location.Files.ToArray());
        var config = CliConfigLoader.Load(env);
        Assert.IsFalse(config.HasErrors, string.Join("\n", config.Diagnostics));
        Assert.AreEqual("/a", config.PluginCacheDir);
        Assert.HasCount(1, config.ProviderInstallation!.Methods);
        Assert.HasCount(1, config.OciCredentials);
    }

    [TestMethod]
    public void XdgConfigDirectoryWhenTerraformDIsMissing()
    {
        var env = new FakeEnvironment().Variable("HOME", "/h").Variable("XDG_CONFIG_HOME", "/x")
            .File("/x/opentofu/one.tfrc", "").Build();
        Assert.AreEqual("/x/opentofu", CliConfigLocator.Locate(env).ConfigDirectory);
    }

    [TestMethod]
    public void TwoProviderInstallationBlocksAcrossFiles()
    {
        var env = new FakeEnvironment().Variable("HOME", "/h")
            .File("/h/.tofurc", "provider_installation {\n  direct {}\n}\n")
            .File("/h/.terraform.d/x.tfrc", "provider_installation {\n  direct {}\n}\n").Build();
        var config = CliConfigLoader.Load(env);
        var d = config.Diagnostics.Single();
        Assert.AreEqual("No more than one provider_installation block may be specified", d.Summary);
        Assert.AreEqual("/h/.terraform.d/x.tfrc", d.Subject!.Value.FileName);
    }

    [TestMethod]
    public void EnvironmentVariablesWinAndCacheDirIsExpanded()
    {
        var fake = new FakeEnvironment().Variable("HOME", "/h").Variable("CACHE_ROOT", "/cache")
            .File("/h/.tofurc", "plugin_cache_dir = \"${CACHE_ROOT}/plugins-$USER\"\nplugin_cache_may_break_dependency_lock_file = false\n");
        var config = CliConfigLoader.Load(fake.Build());
        Assert.AreEqual("/cache/plugins-", config.PluginCacheDir);
        Assert.IsFalse(config.PluginCacheMayBreakDependencyLockFile);
        Assert.IsNotNull(CliConfigLoader.CheckPluginCacheDir(config, fake.Build()));

        fake.Variable("TF_PLUGIN_CACHE_DIR", "/env-cache").Variable("TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE", "1");
        config = CliConfigLoader.Load(fake.Build());
        Assert.AreEqual("/env-cache", config.PluginCacheDir);
        Assert.IsTrue(config.PluginCacheMayBreakDependencyLockFile);

        fake.Variable("TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE", "0");
        Assert.IsFalse(CliConfigLoader.Load(fake.Build()).PluginCacheMayBreakDependencyLockFile);
    }

    [TestMethod]
    public void ExistingCacheDirPassesTheCheck()
    {
        var fake = new FakeEnvironment().Variable("TF_PLUGIN_CACHE_DIR", "/c").File("/c/x", "");
        var config = CliConfigLoader.Load(fake.Build());
        Assert.IsNull(CliConfigLoader.CheckPluginCacheDir(config, fake.Build()));
    }

    [TestMethod]
    public void UnreadableFileIsAnError()
    {
        var fake = new FakeEnvironment();
        fake.Unreadable.Add("/x.tfrc");
        var config = CliConfigLoader.LoadFiles(new[] { "/x.tfrc" }, fake.Build());
        StringAssert.StartsWith(config.Diagnostics.Single().Summary, "Error reading /x.tfrc: ");
    }

    [TestMethod]
    [DataRow("/tmp/bloop/../boop", "/tmp/boop")]
    [DataRow("a//b/./c/", "a/b/c")]
    [DataRow("../../x", "../../x")]
    [DataRow("/..", "/")]
    [DataRow("", ".")]
    public void CleanLikeGo(string input, string expected) => Assert.AreEqual(expected, CliPaths.Clean(false, input));

    [TestMethod]
    public void CleanWindows() => Assert.AreEqual("C:\\a\\c", CliPaths.Clean(true, "C:/a/b/../c/"));
}
