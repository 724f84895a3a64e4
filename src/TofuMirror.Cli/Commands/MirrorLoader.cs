using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Cli.Commands;

/// <summary>The mirror named by --repository-template / --config, loaded the same way for every command.</summary>
internal static class MirrorLoader
{
    public static MirrorSource Load(CliConsole console, string? template, string? config, IReadOnlyCollection<string> insecureRegistries,
        IReadOnlyList<string> include, RegistryTlsFiles? tls = null) =>
        MirrorSource.Load(
            new MirrorSourceOptions(template, config is null ? null : console.FullPath(config), console.CurrentDirectory)
            {
                InsecureHosts = insecureRegistries,
                Include = include,
                Tls = tls ?? RegistryTlsFiles.None,
            },
            ProcessCliEnvironment.Create(console.Environment, console.CurrentDirectory));

    /// <summary>True (after reporting why) when the configuration gave no usable mirror.</summary>
    public static bool IsUnusable(MirrorSource mirror, DiagnosticReporter reporter, [NotNullWhen(false)] out IProviderStoreResolver? stores)
    {
        stores = mirror.Stores;
        if (stores is not null) return false;
        reporter.Report(mirror.Diagnostics);
        return true;
    }
}
