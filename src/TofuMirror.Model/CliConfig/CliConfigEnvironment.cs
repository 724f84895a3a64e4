using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace TofuMirror.Model.CliConfig;

/// <summary>The operating-system families whose CLI-configuration rules differ.</summary>
public enum CliOperatingSystem
{
    /// <summary>Linux (XDG runtime directory is searched for container auth files).</summary>
    Linux,
    /// <summary>macOS (<c>darwin</c>).</summary>
    MacOS,
    /// <summary>Windows (<c>%APPDATA%</c>, backslash paths).</summary>
    Windows,
    /// <summary>Another Unix (FreeBSD, ...): Unix paths, no OS-specific auth-file locations.</summary>
    OtherUnix,
}

/// <summary>
/// Everything the CLI-configuration logic asks of the machine: environment variables, the home directory,
/// the OS family and file reads. Tests build one over a fake file system; TofuMirror.Engine's <c>ProcessCliEnvironment</c> gives the real one.
/// </summary>
public sealed class CliConfigEnvironment
{
    private readonly Func<string, string?> _getVariable;
    private readonly Func<string, string?> _readFile;
    private readonly Func<string, IReadOnlyList<string>?> _listDirectory;

    /// <summary>Creates an environment.</summary>
    /// <param name="operatingSystem">The OS family whose rules apply.</param>
    /// <param name="getVariable">Environment variable lookup (null when unset).</param>
    /// <param name="homeDirectory">The user's home directory when <c>HOME</c>/<c>USERPROFILE</c> is unset (the OS user record); may be null.</param>
    /// <param name="readFile">Reads a whole file: null when it does not exist; throws (e.g. <see cref="IOException"/>) when it exists but cannot be read.</param>
    /// <param name="listDirectory">The names (not paths) of the files in a directory, or null when the directory does not exist.</param>
    /// <param name="currentDirectory">The working directory, used to make relative paths absolute.</param>
    public CliConfigEnvironment(
        CliOperatingSystem operatingSystem,
        Func<string, string?> getVariable,
        string? homeDirectory,
        Func<string, string?> readFile,
        Func<string, IReadOnlyList<string>?> listDirectory,
        string currentDirectory)
    {
        OperatingSystem = operatingSystem;
        _getVariable = getVariable ?? throw new ArgumentNullException(nameof(getVariable));
        FallbackHomeDirectory = homeDirectory;
        _readFile = readFile ?? throw new ArgumentNullException(nameof(readFile));
        _listDirectory = listDirectory ?? throw new ArgumentNullException(nameof(listDirectory));
        CurrentDirectory = currentDirectory ?? throw new ArgumentNullException(nameof(currentDirectory));
    }

    /// <summary>The OS family whose rules apply.</summary>
    public CliOperatingSystem OperatingSystem { get; }

    /// <summary>The home directory from the OS user record, used when the environment variable is unset.</summary>
    public string? FallbackHomeDirectory { get; }

    /// <summary>The working directory.</summary>
    public string CurrentDirectory { get; }

    /// <summary>True on Windows.</summary>
    public bool IsWindows => OperatingSystem == CliOperatingSystem.Windows;

    /// <summary>The value of an environment variable, or null when unset or empty.</summary>
    public string? Variable(string name)
    {
        var value = _getVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The whole text of a file, or null when it does not exist; throws when it exists but cannot be read.</summary>
    public string? ReadFile(string path) => _readFile(path);

    /// <summary>True when the file exists and can be read.</summary>
    public bool FileExists(string path)
    {
        try
        {
            return _readFile(path) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>The file names in a directory, or null when it does not exist.</summary>
    public IReadOnlyList<string>? ListDirectory(string path) => _listDirectory(path);

    /// <summary>Joins path parts with the OS separator.</summary>
    public string Combine(params string[] parts) => CliPaths.Join(IsWindows, parts);
}
