using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using TofuMirror.Cli.Help;
using TofuMirror.Cli.Output;
using TofuMirror.Engine.Hashing;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Cli.Commands;

/// <summary><c>tofu-mirror hash PATH…</c>: the <c>zh:</c> and <c>h1:</c> hashes OpenTofu would record for a provider zip or folder.</summary>
internal static class HashCommand
{
    private const string JsonShape = "{\"packages\": [{\"path\", \"hashes\": []}]}";

    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "A provider zip or an unpacked provider folder.", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new DocumentedCommand("hash", "Print the lock-file hashes (zh: for a zip, h1:) of provider packages.", JsonShape) { paths, json };
        command.SetAction(result => Run(console, result.GetValue(paths)!, result.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, bool json)
    {
        var results = new List<(string Path, IReadOnlyList<PackageHash> Hashes)>();
        var exitCode = ExitCodes.Success;
        foreach (var path in paths)
        {
            var full = console.FullPath(path);
            try
            {
                results.Add((path, Compute(full)));
            }
            catch (System.Exception e) when (e is IOException or InvalidDataException or System.UnauthorizedAccessException)
            {
                console.Error.WriteLine($"{path}: error {DiagnosticCodes.FileNotReadable}: {e.Message}");
                exitCode = ExitCodes.Failure;
            }
        }

        if (json)
        {
            JsonOutput.Write(console.Out, writer =>
            {
                writer.WriteStartArray("packages");
                foreach (var (path, hashes) in results)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", path);
                    writer.WriteStartArray("hashes");
                    foreach (var hash in hashes) writer.WriteStringValue(hash.ToString());
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            });
        }
        else
        {
            foreach (var (path, hashes) in results)
                foreach (var hash in hashes)
                    console.Out.WriteLine(paths.Count > 1 ? $"{hash}  {path}" : hash.ToString());
        }
        return exitCode;
    }

    private static IReadOnlyList<PackageHash> Compute(string path)
    {
        if (Directory.Exists(path)) return [PackageHasher.ComputeH1FromDirectory(path)];
        if (!File.Exists(path)) throw new FileNotFoundException($"No file or folder at {path}.");
        return [PackageHasher.ComputeZipHash(path), PackageHasher.ComputeH1FromZip(path)];
    }
}
