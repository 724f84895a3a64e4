using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TofuMirror.Model.CliConfig;

namespace TofuMirror.Model.Tests.CliConfig;

/// <summary>An in-memory machine for CLI-configuration tests: files, directories and environment variables.</summary>
internal sealed class FakeEnvironment
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Unreadable { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    public CliOperatingSystem OperatingSystem { get; set; } = CliOperatingSystem.Linux;
    public string? FallbackHome { get; set; } = "/home/user";
    public string CurrentDirectory { get; set; } = "/work";

    public FakeEnvironment File(string path, string text)
    {
        Files[path] = text;
        return this;
    }

    public FakeEnvironment Variable(string name, string value)
    {
        Variables[name] = value;
        return this;
    }

    /// <summary>Adds every file under <paramref name="realDirectory"/> at <paramref name="fakeDirectory"/>.</summary>
    public FakeEnvironment Tree(string realDirectory, string fakeDirectory)
    {
        foreach (var file in Directory.GetFiles(realDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = file.Substring(realDirectory.Length).TrimStart('/', '\\').Replace('\\', '/');
            var separator = OperatingSystem == CliOperatingSystem.Windows ? "\\" : "/";
            Files[fakeDirectory + separator + relative.Replace("/", separator)] = System.IO.File.ReadAllText(file);
        }
        return this;
    }

    public CliConfigEnvironment Build() => new(
        OperatingSystem,
        name => Variables.TryGetValue(name, out var v) ? v : null,
        FallbackHome,
        path =>
        {
            if (Unreadable.Contains(path)) throw new IOException("permission denied");
            return Files.TryGetValue(path, out var text) ? text : null;
        },
        path =>
        {
            var prefix = path.TrimEnd('/', '\\') + (OperatingSystem == CliOperatingSystem.Windows ? "\\" : "/");
            var names = Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k.Substring(prefix.Length))
                .Where(rest => rest.IndexOfAny(new[] { '/', '\\' }) < 0)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
            var isDirectory = names.Length > 0 || Files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
            return isDirectory ? names : null;
        },
        CurrentDirectory);
}
