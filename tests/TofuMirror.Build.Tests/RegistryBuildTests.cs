using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci;
using TofuMirror.Oci.Auth;
using TofuMirror.Oci.Layout;
using TofuMirror.Oci.Transport;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Build.Tests;

/// <summary>
/// <c>dotnet build</c> of the sample app through the packed package against the real CNCF registry on loopback,
/// with htpasswd auth and the credentials in an OpenTofu CLI configuration (never in MSBuild properties).
/// </summary>
[TestClass]
public sealed class RegistryBuildTests
{
    private const string User = "builder";
    private const string Terraform = "/usr/local/bin/terraform";
    // Distinct enough that finding it anywhere in a log can only mean it leaked.
    private static readonly string Password = "pw-" + Guid.NewGuid().ToString("N");
    private static RegistryProcess? s_registry;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        if (!File.Exists(RegistryProcess.Binary)) return;
        s_registry = RegistryProcess.Start(basicAuthUser: (User, Password));
        using var clients = new OciClientFactory(new OciClientOptions { Credentials = new StaticCredentialProvider(s_registry.Host, OciCredential.Basic(User, Password)) });
        foreach (var repository in new[] { "registry.opentofu.org/tofumirror/demo", "example.com/tofumirror/echo" })
            await LayoutCopier.CopyAllTagsAsync(new OciLayoutStore(Path.Combine(RepoPaths.Root, "samples", "oci-mirror", repository)),
                clients.CreateRepository(s_registry.Host, "mirror/" + repository));
    }

    [ClassCleanup]
    public static void Stop() => s_registry?.Dispose();

    private static RegistryProcess Registry
    {
        get
        {
            RegistryProcess.RequireBinary();
            return s_registry!;
        }
    }

    /// <summary>An oci_mirror CLI configuration for the test registry with <paramref name="password"/> in oci_credentials.</summary>
    private static string WriteCliConfig(SampleApp app, string password)
    {
        var path = app.Combine("tofu.rc");
        File.WriteAllText(path,
            $"oci_credentials \"{Registry.Host}\" {{\n  username = \"{User}\"\n  password = \"{password}\"\n}}\n" +
            "provider_installation {\n  oci_mirror {\n" +
            $"    repository_template = \"{Registry.Host}/mirror/${{hostname}}/${{namespace}}/${{type}}\"\n" +
            "    include             = [\"*/*/*\"]\n  }\n}\n");
        return path;
    }

    /// <summary>The sample sets an oci-layout template; an empty global property hands the choice to the CLI configuration.</summary>
    private static DotnetCli.Result Build(SampleApp app, string cliConfig, params string[] extra) =>
        app.Dotnet("build", ["-p:TofuRepositoryTemplate=", $"-p:TofuCliConfigFile={cliConfig}", .. extra]);

    [TestMethod]
    public void Restores_from_the_registry_with_credentials_that_never_reach_the_log_even_at_diagnostic_verbosity()
    {
        using var app = new SampleApp { Verbosity = "diag" };

        var build = Build(app, WriteCliConfig(app, Password));

        Assert.AreEqual(0, build.ExitCode, build.ToString());
        StringAssert.Contains(build.Output, "TofuMirror: 2 provider package(s) installed (2 downloaded)", build.ToString());
        StringAssert.Contains(build.Output, $"from {Registry.Host}/mirror/registry.opentofu.org/tofumirror/demo");
        Assert.AreEqual(1, Directory.GetDirectories(Path.Combine(app.ProvidersFolder, "registry.opentofu.org", "tofumirror", "demo", "1.1.0")).Length);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
        Assert.IsFalse(build.Output.Contains(Password, StringComparison.Ordinal), "the password is in the build log");
        Assert.IsFalse(build.Output.Contains(basic, StringComparison.Ordinal), "the Basic credentials are in the build log");
        var manifest = File.ReadAllText(Path.Combine(app.ProvidersFolder, "tofu-providers.json"));
        StringAssert.Contains(manifest, $"\"repository\": \"{Registry.Host}/mirror/example.com/tofumirror/echo\"");
        Assert.IsFalse(manifest.Contains(Password, StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_wrong_password_fails_the_build_with_TOFU0101_at_each_lock_entry_without_echoing_it()
    {
        using var app = new SampleApp();
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");

        var build = Build(app, WriteCliConfig(app, wrong));

        Assert.AreNotEqual(0, build.ExitCode, build.ToString());
        StringAssert.Contains(build.Output, $"{app.LockFile}(", build.ToString());
        StringAssert.Contains(build.Output, "error TOFU0101", build.ToString());
        Assert.IsFalse(build.Output.Contains(wrong, StringComparison.Ordinal), "the password is in the build log");
        Assert.IsFalse(File.Exists(app.Stamp), "a failed restore must not write the stamp");
    }

    [TestMethod]
    public void Terraform_init_installs_offline_from_the_folder_and_tofu_rc_the_build_wrote()
    {
        if (!File.Exists(Terraform)) Assert.Inconclusive($"terraform is not installed at {Terraform}");
        using var app = new SampleApp();
        var build = Build(app, WriteCliConfig(app, Password));
        Assert.AreEqual(0, build.ExitCode, build.ToString());

        // terraform's default registry is registry.terraform.io: spell out the OpenTofu address the lock file records.
        var mainTf = Path.Combine(app.AppDirectory, "infra", "main.tf");
        File.WriteAllText(mainTf, File.ReadAllText(mainTf).Replace("\"tofumirror/demo\"", "\"registry.opentofu.org/tofumirror/demo\""));
        var home = app.Combine("tf-home");
        Directory.CreateDirectory(home);
        var init = DotnetCli.RunProgram(Terraform, Path.Combine(app.AppDirectory, "infra"), new Dictionary<string, string>
        {
            ["TF_CLI_CONFIG_FILE"] = Path.Combine(app.ProvidersFolder, "tofu.rc"),
            ["HOME"] = home,
            ["CHECKPOINT_DISABLE"] = "1",
            ["TF_IN_AUTOMATION"] = "1",
        }, "init", "-input=false", "-no-color", "-backend=false");

        Assert.AreEqual(0, init.ExitCode, init.ToString());
        StringAssert.Contains(init.Output, "Installing registry.opentofu.org/tofumirror/demo v1.1.0", init.ToString());
        StringAssert.Contains(init.Output, "Installing example.com/tofumirror/echo v0.2.0", init.ToString());
    }
}
