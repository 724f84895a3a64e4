using System;
using Microsoft.Extensions.Logging;

namespace TofuMirror.Build.Tasks.Restore;

/// <summary>
/// The engine's <see cref="ILogger"/> as restore-log messages. Engine log lines are progress, not problems (those
/// come back as diagnostics), so they all become messages: warnings (a restore waiting for another) at high importance,
/// information at normal, the rest at low.
/// </summary>
internal sealed class EngineLogger(IRestoreLog log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        log.Message(logLevel >= LogLevel.Warning ? LogImportance.High : logLevel >= LogLevel.Information ? LogImportance.Normal : LogImportance.Low,
            formatter(state, exception));
    }
}
