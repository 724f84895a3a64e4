using System.Threading.Tasks;

namespace TofuMirror.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var console = CliConsole.FromProcess();
        try
        {
            return await CliApp.RunAsync(args, console).ConfigureAwait(false);
        }
        finally
        {
            // The console writers hold back a trailing "#" or two that could still start a logging command.
            console.Out.Flush();
            console.Error.Flush();
        }
    }
}
