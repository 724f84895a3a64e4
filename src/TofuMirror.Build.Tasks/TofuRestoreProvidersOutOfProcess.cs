using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TofuMirror.Build.Tasks.HostProtocol;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Logging;

namespace TofuMirror.Build.Tasks;

/// <summary>
/// <c>TofuRestoreProviders</c> for MSBuild on .NET Framework (Visual Studio), which cannot load the .NET 8
/// engine: it writes its parameters to a settings file and runs the package's .NET task assembly as a program
/// (<c>dotnet exec tasks/net8.0/TofuMirror.Build.Tasks.dll restore ...</c>), whose canonical error lines become this
/// task's errors and warnings at their file and line. Nothing but this small assembly loads into Visual Studio, so
/// no dependency can clash with its own and nothing stays locked after the build. <c>dotnet build</c> uses it too when
/// <c>TofuRestoreOutOfProcess</c> is true.
/// </summary>
public sealed class TofuRestoreProvidersOutOfProcess : ToolTask, IRestoreProvidersTask
{
    /// <summary>Root module folders, with the same metadata as <c>TofuRestoreProviders.Modules</c>.</summary>
    [Required]
    public ITaskItem[] Modules { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The package's net8.0 task assembly, run with <c>dotnet exec</c>.</summary>
    [Required]
    public string HostAssembly { get; set; } = "";

    /// <summary>The <c>dotnet</c> executable; empty means DOTNET_HOST_PATH, DOTNET_ROOT, PATH, then the default install folder.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>The folder for the settings and outcome files exchanged with the host (the restore's state folder).</summary>
    [Required]
    public string StateDirectory { get; set; } = "";

    public string? BaseDirectory { get; set; }
    public string? CliConfigFile { get; set; }
    public string? RepositoryTemplate { get; set; }
    public string? Platforms { get; set; }
    [Required]
    public string OutputPath { get; set; } = "";
    public string? CachePath { get; set; }
    public bool Offline { get; set; }
    public bool ForceRestore { get; set; }
    public int Parallelism { get; set; }
    public string? CaFile { get; set; }
    public string? ClientCertificateFile { get; set; }
    public string? ClientKeyFile { get; set; }
    public string? TrustedKeys { get; set; }
    public bool RequireSigned { get; set; }

    [Output]
    public string? CliConfigPath { get; set; }
    [Output]
    public string? ManifestPath { get; set; }
    [Output]
    public ITaskItem[] RestoredFolders { get; set; } = Array.Empty<ITaskItem>();

    protected override string ToolName => Path.DirectorySeparatorChar == '\\' ? "dotnet.exe" : "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    private string SettingsFile => Path.Combine(StateDirectory, HostContract.SettingsFileName);
    private string OutcomeFile => Path.Combine(StateDirectory, HostContract.OutcomeFileName);

    public override bool Execute()
    {
        try
        {
            Directory.CreateDirectory(StateDirectory);
            File.Delete(OutcomeFile);
            TaskItems.ToSettings(Modules, BaseDirectory, OutputPath, CliConfigFile, RepositoryTemplate, Platforms,
                CachePath, Offline, ForceRestore, Parallelism).WithTls(this).WithTrust(this).WriteTo(SettingsFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Log.LogError(null, DiagnosticCodes.FileNotReadable, null, StateDirectory, 0, 0, 0, 0,
                "{0} Check that the folder is writable, or set TofuProvidersOutputPath.", e.Message);
            return false;
        }

        if (!base.Execute() || Log.HasLoggedErrors) return false;
        RestoreOutcome outcome;
        try
        {
            outcome = RestoreOutcome.ReadFrom(OutcomeFile);
        }
        catch (HostFileVersionException e)
        {
            Log.LogError(null, "TOFU0000", null, e.Path, 0, 0, 0, 0, "{0}", e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            Log.LogError(null, "TOFU0000", null, OutcomeFile, 0, 0, 0, 0,
                "The TofuMirror restore host reported success but its outcome could not be read: {0}", e.Message);
            return false;
        }
        CliConfigPath = outcome.CliConfigPath;
        ManifestPath = outcome.ManifestPath;
        RestoredFolders = TaskItems.ToItems(outcome);
        return true;
    }

    protected override bool ValidateParameters()
    {
        if (!File.Exists(HostAssembly))
        {
            Log.LogError(null, DiagnosticCodes.FileNotReadable, null, HostAssembly, 0, 0, 0, 0,
                "The TofuMirror restore host {0} is missing: the TofuMirror.Build package is incomplete. Restore the package again (delete it from the NuGet cache).", HostAssembly);
            return false;
        }
        return true;
    }

    /// <summary>The host reports its own failures as coded errors; an exit without one means it never ran (no suitable runtime, a crash).</summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
            Log.LogError(null, DiagnosticCodes.Unclassified, null, HostAssembly, 0, 0, 0, 0,
                "The TofuMirror restore host exited with code {0} without reporting a problem; its output is above. It needs .NET 8 or later: check `dotnet --list-runtimes`, or set TofuDotnetHostPath.", ExitCode);
        return false;
    }

    protected override string GenerateFullPathToTool()
    {
        foreach (var candidate in DotnetHost.Candidates(DotnetHostPath, ToolName))
            if (File.Exists(candidate)) return candidate;
        Log.LogError(null, DiagnosticCodes.FileNotReadable, null, HostAssembly, 0, 0, 0, 0,
            "The dotnet executable (.NET 8 or later) was not found, and this MSBuild needs it to restore OpenTofu providers. Install the .NET SDK, or set TofuDotnetHostPath to dotnet's full path.");
        return ToolName;
    }

    protected override string GenerateCommandLineCommands()
    {
        var command = new CommandLineBuilder();
        command.AppendSwitch("exec");
        command.AppendFileNameIfNotNull(HostAssembly);
        command.AppendSwitch("restore");
        command.AppendFileNameIfNotNull(SettingsFile);
        command.AppendFileNameIfNotNull(OutcomeFile);
        return command.ToString();
    }

    protected override void LogEventsFromTextOutput(string line, MessageImportance messageImportance)
    {
        // The host neutralizes its own lines; anything else on its output (a runtime's crash text) is made inert here
        // by breaking up every "##", which covers both logging-command starts (##vso[ and ##[) without shipping Model.
        var singleLine = line.IndexOf("##", StringComparison.Ordinal) < 0 ? line : line.Replace("##", "# #");
        if (!singleLine.StartsWith(HostContract.MessagePrefix, StringComparison.Ordinal))
        {
            base.LogEventsFromTextOutput(singleLine, messageImportance);
            return;
        }
        var rest = singleLine.Substring(HostContract.MessagePrefix.Length);
        var colon = rest.IndexOf(": ", StringComparison.Ordinal);
        var importance = colon < 0 ? "normal" : rest.Substring(0, colon);
        var text = colon < 0 ? rest : rest.Substring(colon + 2);
        Log.LogMessage(importance == "high" ? MessageImportance.High : importance == "low" ? MessageImportance.Low : MessageImportance.Normal, "{0}", text);
    }
}
