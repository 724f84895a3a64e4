using System.IO;
using System.Linq;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Trust;

namespace TofuMirror.Cli.Commands;

/// <summary>The trust anchors of a command: the <c>--trusted-keys</c> files and those named in <c>TOFU_MIRROR_TRUSTED_KEYS</c>.</summary>
internal static class TrustAnchorLoader
{
    /// <summary>The anchors, or null after reporting why a file is unusable.</summary>
    public static TrustAnchors? Load(CliConsole console, string[] files, DiagnosticReporter reporter)
    {
        var fromEnvironment = (console.Variable(TrustAnchors.EnvironmentVariable) ?? "")
            .Split(Path.PathSeparator).Select(p => p.Trim()).Where(p => p.Length > 0);
        var paths = files.Concat(fromEnvironment).Select(console.FullPath).Distinct().ToList();
        if (paths.Count == 0) return TrustAnchors.Empty;
        var anchors = TrustAnchors.Load(paths, out var diagnostics);
        reporter.Report(diagnostics);
        return anchors;
    }
}
