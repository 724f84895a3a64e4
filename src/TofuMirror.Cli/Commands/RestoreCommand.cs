using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Restore;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci.Transport.Tls;

namespace TofuMirror.Cli.Commands;

/// <summary>
/// <c>tofu-mirror restore</c>: every locked provider, for every wanted platform, from the OCI mirror into a
/// filesystem-mirror folder, plus a <c>tofu.rc</c> pointing at it.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliConsole console)
    {
        var chdir = CommonOptions.ChangeDirectory();
        var template = CommonOptions.RepositoryTemplate();
        var config = CommonOptions.CliConfigFile();
        var platforms = CommonOptions.Platforms();
        var output = new Option<string?>("--output")
        {
            Description = "The folder to restore into. Default: DIR/.terraform/providers-mirror.",
        };
        var layout = new Option<OutputLayout>("--layout")
        {
            Description = "unpacked (HOST/NS/TYPE/VERSION/OS_ARCH/ folders, the default) or packed (zip files).",
            HelpName = "unpacked|packed",
            DefaultValueFactory = _ => OutputLayout.Unpacked,
        };
        var cache = new Option<string?>("--cache") { Description = "The shared download cache. Default: ~/.cache/tofumirror (XDG_CACHE_HOME)." };
        var parallelism = new Option<int>("--parallelism") { Description = "Downloads at once (default 4).", DefaultValueFactory = _ => 4 };
        var offline = new Option<bool>("--offline")
        {
            Description = "Install from the download cache without asking the mirror whether it still has the locked packages; a package not cached fails.",
        };
        var force = new Option<bool>("--force") { Description = "Reinstall every package, even those already installed and unchanged." };
        var trustedKeys = CommonOptions.TrustedKeys();
        var requireSigned = CommonOptions.RequireSigned("and each package's digest to be its signed SHA256SUMS line; otherwise nothing is installed");
        var insecure = CommonOptions.InsecureRegistries();
        var tls = new RegistryTlsOptions();
        var include = CommonOptions.Includes();
        var json = CommonOptions.Json();
        var noProgress = CommonOptions.NoProgress();
        var command = new DocumentedCommand("restore", "Restore the locked providers from the OCI mirror into a folder tofu/terraform use as a filesystem mirror.", RestoreJsonWriter.Shape)
        {
            chdir, template, config, include, platforms, output, layout, cache, parallelism, offline, force, trustedKeys, requireSigned, insecure, json, noProgress,
        };
        tls.AddTo(command);
        command.SetAction((result, ct) => RunAsync(console, new Options(
            result.GetValue(chdir)!, result.GetValue(template), result.GetValue(config), result.GetValue(platforms) ?? [],
            result.GetValue(output), result.GetValue(layout), result.GetValue(cache), result.GetValue(parallelism),
            result.GetValue(include) ?? [], result.GetValue(insecure) ?? [], result.GetValue(json))
        {
            Offline = result.GetValue(offline),
            Force = result.GetValue(force),
            TrustedKeys = result.GetValue(trustedKeys) ?? [],
            RequireSigned = result.GetValue(requireSigned),
            NoProgress = result.GetValue(noProgress),
            Tls = tls.Read(result, console),
        }, ct));
        return command;
    }

    private sealed record Options(
        string Chdir, string? Template, string? Config, string[] Platforms, string? Output, OutputLayout Layout,
        string? Cache, int Parallelism, string[] Include, string[] InsecureRegistries, bool Json)
    {
        public bool Offline { get; init; }
        public bool Force { get; init; }
        public string[] TrustedKeys { get; init; } = [];
        public bool RequireSigned { get; init; }
        public bool NoProgress { get; init; }
        public RegistryTlsFiles Tls { get; init; } = RegistryTlsFiles.None;
    }

    private static async Task<int> RunAsync(CliConsole console, Options options, CancellationToken cancellationToken)
    {
        var reporter = new DiagnosticReporter(console);
        if (!CommonOptions.TryParsePlatforms(options.Platforms, console, out var platforms)) return ExitCodes.UsageError;

        if (TrustAnchorLoader.Load(console, options.TrustedKeys, reporter) is not { } anchors) return ExitCodes.Failure;
        var moduleDirectory = console.FullPath(options.Chdir);
        using var mirror = MirrorLoader.Load(console, options.Template, options.Config, options.InsecureRegistries, options.Include, options.Tls);
        if (MirrorLoader.IsUnusable(mirror, reporter, out var stores)) return ExitCodes.Failure;

        var request = new RestoreRequest(
            moduleDirectory,
            stores,
            platforms,
            options.Output is null ? RestoreRequest.DefaultOutputDirectory(moduleDirectory) : console.FullPath(options.Output),
            options.Layout,
            options.Cache is null ? BlobCache.DefaultDirectory(console.Variable) : console.FullPath(options.Cache))
        {
            Parallelism = options.Parallelism,
            Offline = options.Offline,
            Force = options.Force,
            TrustAnchors = anchors,
            RequireSigned = options.RequireSigned,
        };

        RestoreProgressPrinter? progress = null;
        var report = await TransferProgressDisplay.RunAsync(console, ProgressPolicy.ShowsProgress(console, options.Json, options.NoProgress), (lines, transfers) =>
        {
            progress = new RestoreProgressPrinter(lines, new DiagnosticReporter(lines), quiet: options.Json, display: transfers as TransferProgressDisplay);
            return new RestoreJob(new ConsoleWarningLogger(lines), progress: progress, planned: progress.Planned, transfers: transfers).RunAsync(request, cancellationToken);
        }).ConfigureAwait(false);
        var diagnostics = mirror.Diagnostics.Concat(report.AllDiagnostics).ToList();

        if (options.Json) RestoreJsonWriter.Write(console, report, diagnostics, reporter);
        else
        {
            reporter.Report(mirror.Diagnostics.Concat(report.Diagnostics));
            progress!.PrintSummary(report, moduleDirectory);
        }
        if (report.CliConfigPath is { } rc && report.Succeeded && console.IsAzurePipelines)
            console.WriteCommand(AzurePipelinesCommands.SetVariable("TF_CLI_CONFIG_FILE", rc));
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
