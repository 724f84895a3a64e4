using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Who holds an output lock: <c>.tofumirror/lock.holder</c>, written by the process that took the lock. A separate
/// file because the lock file itself cannot be read by others while it is held (Windows; .NET's flock on Unix).
/// </summary>
internal static class OutputLockHolder
{
    private const string FileName = "lock.holder";

    /// <summary>Records this process as the holder; not flushed to disk: it only describes a lock that dies with the process.</summary>
    public static void Record(string lockDirectory)
    {
        var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var command = string.Join(" ", Environment.GetCommandLineArgs().Select(Path.GetFileName).Take(3));
        AtomicFile.WriteAllBytes(Path.Combine(lockDirectory, FileName), System.Text.Encoding.UTF8.GetBytes(
            $"pid={Environment.ProcessId}\nhost={Environment.MachineName}\nsince={since}\ncommand={command}\n"), durable: false);
    }

    /// <summary>"restore by PID 123 on HOST (COMMAND) (since …)", or a plain description when nothing was recorded.</summary>
    public static string Describe(string lockDirectory)
    {
        try
        {
            var fields = File.ReadAllLines(Path.Combine(lockDirectory, FileName))
                .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            string Field(string name) => fields.TryGetValue(name, out var value) ? value : "?";
            return $"restore by PID {Field("pid")} on {Field("host")} ({Field("command")}) (since {Field("since")})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another restore (it did not say who it is)";
        }
    }
}
