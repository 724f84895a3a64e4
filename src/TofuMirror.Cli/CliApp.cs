using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Cli.Commands;
using TofuMirror.Cli.Help;

namespace TofuMirror.Cli;

/// <summary>The <c>tofu-mirror</c> command tree; each command lives in its own file under Commands/.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "tofu-mirror: OpenTofu/Terraform providers in OCI registries (restore, push, mirror, lock, inspect, verify, copy, check, hash).\n" +
            ExitCodes.HelpText);
        root.Subcommands.Add(HashCommand.Create(console));
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(RestoreCommand.Create(console));
        root.Subcommands.Add(PushCommand.Create(console));
        root.Subcommands.Add(MirrorCommand.Create(console));
        root.Subcommands.Add(LockCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(InspectCommand.Create(console));
        root.Subcommands.Add(CopyCommand.Create(console));
        DetailedHelpAction.Install(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) console.Error.WriteLine($"error: {error.Message}");
            console.Error.WriteLine("Run 'tofu-mirror --help' for usage.");
            return ExitCodes.UsageError;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            }, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
