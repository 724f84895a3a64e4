using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Testing.Registry;

/// <summary>
/// A real CNCF distribution registry (<c>docker-registry</c>) on 127.0.0.1 with a free port, a
/// generated config.yml and temporary storage; killed and deleted on dispose.
/// </summary>
internal sealed class RegistryProcess : IDisposable
{
    public const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RegistryProcess(string folder, int port, Process process)
    {
        Folder = folder;
        Port = port;
        _process = process;
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Host => "127.0.0.1:" + Port;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Skips the calling test when the registry binary is absent.</summary>
    public static void RequireBinary()
    {
        if (!File.Exists(Binary)) Assert.Inconclusive("docker-registry not installed (run build/install-test-tools.sh)");
    }

    /// <summary>Starts a registry; <paramref name="authYaml"/> is the YAML under <c>auth:</c> (already indented by 2), or null for open access.</summary>
    /// <remarks>With <paramref name="tls"/> it serves HTTPS with the server certificate, and with <paramref name="requireClientCertificate"/> accepts only clients with a certificate from that CA.</remarks>
    public static RegistryProcess Start(string? authYaml = null, Action<string>? prepare = null,
        (string User, string Password)? basicAuthUser = null, Func<string>? authYamlFactory = null,
        TestCertificates? tls = null, bool requireClientCertificate = false)
    {
        RequireBinary();
        var folder = Path.Combine(Path.GetTempPath(), "tofumirror-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "storage"));
        prepare?.Invoke(folder);
        if (authYamlFactory is not null) authYaml = authYamlFactory();
        if (basicAuthUser is { } user)
        {
            var htpasswd = Path.Combine(folder, "htpasswd");
            var run = Process.Start(new ProcessStartInfo("/usr/bin/htpasswd", new[] { "-Bbn", user.User, user.Password }) { RedirectStandardOutput = true })!;
            File.WriteAllText(htpasswd, run.StandardOutput.ReadToEnd());
            run.WaitForExit();
            authYaml = $"  htpasswd:\n    realm: tofumirror-basic\n    path: {htpasswd}\n";
        }

        var port = FreePort();
        var config = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:")
            .AppendLine("  level: warn")
            .AppendLine("  accesslog:")
            .AppendLine("    disabled: true")
            .AppendLine("storage:")
            .AppendLine("  filesystem:")
            .AppendLine($"    rootdirectory: {Path.Combine(folder, "storage")}")
            .AppendLine("  delete:")
            .AppendLine("    enabled: true")
            .AppendLine("http:")
            .AppendLine($"  addr: 127.0.0.1:{port}")
            .AppendLine("  secret: tofumirror-test-secret");
        if (tls is not null)
        {
            config.AppendLine("  tls:")
                .AppendLine($"    certificate: {tls.ServerCertificate}")
                .AppendLine($"    key: {tls.ServerKey}");
            if (requireClientCertificate) config.AppendLine("    clientcas:").AppendLine($"      - {tls.CaCertificate}");
        }
        if (authYaml is not null) config.AppendLine("auth:").Append(authYaml);
        var configPath = Path.Combine(folder, "config.yml");
        File.WriteAllText(configPath, config.ToString());

        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "serve", configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        var registry = new RegistryProcess(folder, port, process);
        process.OutputDataReceived += (_, e) => registry.Append(e.Data);
        process.ErrorDataReceived += (_, e) => registry.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (tls is null) registry.WaitUntilListening();
        else registry.WaitUntilAccepting();
        return registry;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private void WaitUntilListening()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("docker-registry exited: " + Output);
            try
            {
                using var response = http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("docker-registry did not start: " + Output);
    }

    /// <summary>For a TLS registry: until its port accepts connections (no HTTP request without the CA).</summary>
    private void WaitUntilAccepting()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("docker-registry exited: " + Output);
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("docker-registry did not start: " + Output);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
