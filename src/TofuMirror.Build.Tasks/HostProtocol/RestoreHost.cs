using System;
using System.IO;
using System.Threading;
using TofuMirror.Build.Tasks.Restore;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>
/// The entry point when the task assembly runs as a program (<c>dotnet exec TofuMirror.Build.Tasks.dll restore
/// SETTINGS OUTCOME</c>): what <see cref="TofuRestoreProvidersOutOfProcess"/> starts, so builds on the .NET Framework
/// MSBuild (Visual Studio) restore with the same engine as <c>dotnet build</c>. It touches no MSBuild type, so it
/// runs without MSBuild's assemblies. Exit code 0: restored; 1: errors were reported; 2: bad invocation.
/// </summary>
public static class RestoreHost
{
    public static int Main(string[] args)
    {
        if (args.Length != 3 || args[0] != "restore")
        {
            Console.Error.WriteLine("usage: dotnet exec TofuMirror.Build.Tasks.dll restore SETTINGS-FILE OUTCOME-FILE");
            return 2;
        }
        var log = new ConsoleRestoreLog(Console.Out);
        RestoreSettings settings;
        try
        {
            settings = RestoreSettings.ReadFrom(args[1]);
        }
        catch (HostFileVersionException e)
        {
            log.Error("TOFU0000", e.Path, e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            log.Error(DiagnosticCodes.FileNotReadable, args[1], $"The restore settings could not be read: {e.Message}");
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        try
        {
            var outcome = new ProjectRestoreJob(log).RunAsync(settings, cancellation.Token).GetAwaiter().GetResult();
            if (outcome is null) return 1;
            outcome.WriteTo(args[2]);
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            log.Message(LogImportance.High, "Provider restore was cancelled.");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(DiagnosticCodes.FileNotReadable, settings.OutputPath, OutputFolderProblem.Describe(e));
            return 1;
        }
    }
}
