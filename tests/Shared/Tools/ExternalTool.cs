using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Testing.Tools;

/// <summary>Runs a command-line tool the tests compare against (skopeo, terraform) with a controlled environment.</summary>
internal static class ExternalTool
{
    public static void Require(string path, string name)
    {
        if (!File.Exists(path)) Assert.Inconclusive($"{name} not installed at {path} (run build/install-test-tools.sh)");
    }

    /// <summary>Runs <paramref name="file"/>; <paramref name="environment"/> entries with a null value are removed from the inherited environment.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> arguments,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, int timeoutMs = 120_000)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {timeoutMs} ms");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
