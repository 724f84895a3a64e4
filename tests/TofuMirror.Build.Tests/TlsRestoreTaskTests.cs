using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ToolTask = Microsoft.Build.Utilities.ToolTask;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Oci.Layout;
using TofuMirror.Oci.Transport;
using TofuMirror.Oci.Transport.Tls;
using TofuMirror.Testing;
using TofuMirror.Testing.Registry;

namespace TofuMirror.Build.Tests;

/// <summary>TofuCaFile, TofuClientCertificateFile and TofuClientKeyFile through both restore tasks.</summary>
[TestClass]
public sealed class TlsRestoreTaskTests
{
    [TestMethod]
    [DataRow(false, DisplayName = "in-process")]
    [DataRow(true, DisplayName = "out-of-process")]
    public void An_unreadable_CaFile_fails_with_TOFU0009_naming_the_file(bool outOfProcess)
    {
        using var temp = new TempFolder("tofu-task");
        var (task, engine) = RestoreTasks.Create(outOfProcess, temp, SampleModule.CopyTo(temp));
        task.CaFile = "certs/corp-ca.pem";

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single(e => e.Code == "TOFU0009");
        StringAssert.Contains(error.Message, Path.Combine(temp.Path, "certs", "corp-ca.pem") + ": the CA bundle cannot be read", engine.Transcript());
    }

    [TestMethod]
    public async Task Out_of_process_restore_reaches_a_mutual_TLS_registry_through_the_proxy_in_its_environment()
    {
        RegistryProcess.RequireBinary();
        using var temp = new TempFolder("tofu-task");
        var pki = TestCertificates.Create(temp.Combine("pki"));
        using var registry = RegistryProcess.Start(tls: pki, requireClientCertificate: true);
        var files = new RegistryTlsFiles(pki.CaCertificate, pki.ClientCertificate, pki.ClientKey);
        using (var clients = new OciClientFactory(new OciClientOptions { PlainHttpForLoopback = false, Tls = files.Load() }))
        {
            foreach (var repository in new[] { "registry.opentofu.org/tofumirror/demo", "example.com/tofumirror/echo" })
                await LayoutCopier.CopyAllTagsAsync(new OciLayoutStore(Path.Combine(RepoPaths.Root, "samples", "oci-mirror", repository)),
                    clients.CreateRepository(registry.Host, "mirror/" + repository));
        }
        using var proxy = ConnectProxy.Start();
        var (task, engine) = RestoreTasks.Create(outOfProcess: true, temp, SampleModule.CopyTo(temp));
        task.RepositoryTemplate = $"{TestCertificates.ProxiedHostName}:{registry.Port}/mirror/${{hostname}}/${{namespace}}/${{type}}";
        task.CaFile = pki.CaCertificate;
        task.ClientCertificateFile = pki.ClientCertificate;
        task.ClientKeyFile = pki.ClientKey;
        ((ToolTask)task).EnvironmentVariables = ["HTTPS_PROXY=" + proxy.Url];

        Assert.IsTrue(task.Execute(), engine.Transcript());

        Assert.IsTrue(task.RestoredFolders.Length > 0, engine.Transcript());
        Assert.IsTrue(proxy.ConnectTargets.Count > 0);
    }
}
