using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using TofuMirror.Model.CliConfig;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Oci.Transport.Proxies;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Engine.Stores;

/// <summary>
/// The TLS material and proxy for registries, read up front so a bad file or proxy variable is reported before any
/// work starts (with the file named), not on the first download.
/// </summary>
internal sealed record NetworkSettings(RegistryTls Tls, IWebProxy? Proxy)
{
    public const string CaFileVariable = "TOFU_MIRROR_CA_FILE";

    public static NetworkSettings Load(RegistryTlsFiles files, CliConfigEnvironment environment, List<Diagnostic> diagnostics)
    {
        var caFile = files.CaFile ?? environment.Variable(CaFileVariable);
        var resolved = new RegistryTlsFiles(
            Absolute(caFile, environment), Absolute(files.ClientCertificateFile, environment), Absolute(files.ClientKeyFile, environment));
        var tls = RegistryTls.SystemDefaults;
        try
        {
            if (!resolved.IsEmpty) tls = resolved.Load();
        }
        catch (RegistryTlsFileException e)
        {
            diagnostics.Add(Diagnostic.Error("Unusable TLS file",
                files.CaFile is null && e.Path == resolved.CaFile ? $"{e.Message} (named by {CaFileVariable})" : e.Message, null)
                with { Code = DiagnosticCodes.FileNotReadable });
        }

        IWebProxy? proxy = null;
        try
        {
            proxy = EnvironmentProxy.FromVariables(environment.Variable);
        }
        catch (FormatException e)
        {
            diagnostics.Add(Diagnostic.Error("Invalid proxy setting", e.Message, null) with { Code = DiagnosticCodes.RegistryUnavailable });
        }
        return new NetworkSettings(tls, proxy);
    }

    private static string? Absolute(string? path, CliConfigEnvironment environment) =>
        path is null ? null : Path.GetFullPath(path, environment.CurrentDirectory);
}
