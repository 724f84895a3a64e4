using System;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Testing.Registry;

/// <summary>
/// A private certificate authority made with <c>openssl</c> in a folder: a server certificate for 127.0.0.1, localhost
/// and <see cref="ProxiedHostName"/>, and a client certificate (for mutual TLS) from the same CA.
/// </summary>
internal sealed class TestCertificates
{
    /// <summary>A name only the test's CONNECT proxy resolves (to 127.0.0.1), so requests to it count as remote.</summary>
    public const string ProxiedHostName = "registry.tofumirror.test";

    private TestCertificates(string folder) => Folder = folder;

    public string Folder { get; }

    public string CaCertificate => Path.Combine(Folder, "ca.pem");

    public string ServerCertificate => Path.Combine(Folder, "server.pem");

    public string ServerKey => Path.Combine(Folder, "server.key");

    public string ClientCertificate => Path.Combine(Folder, "client.pem");

    public string ClientKey => Path.Combine(Folder, "client.key");

    /// <summary>Skips the calling test when openssl is absent.</summary>
    public static string RequireOpenssl()
    {
        foreach (var candidate in new[] { "/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl" })
            if (File.Exists(candidate)) return candidate;
        Assert.Inconclusive("openssl not installed: the TLS tests make their certificate authority with it");
        return "";
    }

    public static TestCertificates Create(string folder)
    {
        var openssl = RequireOpenssl();
        Directory.CreateDirectory(folder);
        var certificates = new TestCertificates(folder);
        File.WriteAllText(Path.Combine(folder, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");
        File.WriteAllText(Path.Combine(folder, "server.ext"),
            $"basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost,DNS:{ProxiedHostName}\n");
        File.WriteAllText(Path.Combine(folder, "client.ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");

        Run(openssl, folder, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=TofuMirror Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Issue(openssl, folder, "server", "/CN=" + ProxiedHostName);
        Issue(openssl, folder, "client", "/CN=tofumirror-test-client");
        return certificates;
    }

    private static void Issue(string openssl, string folder, string name, string subject)
    {
        Run(openssl, folder, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        Run(openssl, folder, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".pem",
            "-days", "2", "-extfile", name + ".ext");
    }

    private static void Run(string openssl, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(openssl) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {error.Result}");
    }
}
