using System.CommandLine;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Cli.Commands;

/// <summary>--ca-file, --client-cert and --client-key, for each command that talks to registries.</summary>
internal sealed class RegistryTlsOptions
{
    public Option<string?> CaFile { get; } = CommonOptions.CaFile();

    public Option<string?> ClientCertificate { get; } = CommonOptions.ClientCertificate();

    public Option<string?> ClientKey { get; } = CommonOptions.ClientKey();

    public void AddTo(Command command)
    {
        command.Options.Add(CaFile);
        command.Options.Add(ClientCertificate);
        command.Options.Add(ClientKey);
    }

    /// <summary>The files named, as absolute paths (a CA file left out is looked up in TOFU_MIRROR_CA_FILE later).</summary>
    public RegistryTlsFiles Read(ParseResult result, CliConsole console) => new(
        FullPath(result.GetValue(CaFile), console), FullPath(result.GetValue(ClientCertificate), console), FullPath(result.GetValue(ClientKey), console));

    private static string? FullPath(string? path, CliConsole console) => path is null ? null : console.FullPath(path);
}
