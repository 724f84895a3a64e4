using System;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.Extensions.Logging;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace TofuMirror.Build.Tasks;

/// <summary>
/// The engine's <see cref="ILogger"/> as MSBuild messages. Engine log lines are progress, not problems (those come
/// back as diagnostics), so they all become messages: information at normal importance, the rest at low.
/// </summary>
internal sealed class MSBuildLogger(TaskLoggingHelper log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var importance = logLevel >= LogLevel.Information ? MessageImportance.Normal : MessageImportance.Low;
        log.LogMessage(importance, "{0}", formatter(state, exception));
    }
}
