using System;
using Microsoft.Extensions.Logging;

namespace TofuMirror.Cli.Output;

/// <summary>
/// The engine's log on the CLI: only warnings and worse (a restore waiting for another one) are for the user;
/// everything else the engine logs is detail the progress printer already shows.
/// </summary>
internal sealed class ConsoleWarningLogger(CliConsole console) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) console.Error.WriteLine(formatter(state, exception));
    }
}
