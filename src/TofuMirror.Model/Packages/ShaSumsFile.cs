using System;
using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Logging;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Model.Packages;

/// <summary>
/// A SHA256SUMS document as <c>sha256sum</c> writes it: one <c>HASH  FILENAME</c> line per release file
/// (64 hex digits, two spaces, or one space and the <c>*</c> binary marker). The signed copy of this file is what
/// vouches for every platform's package of a provider release.
/// </summary>
public sealed class ShaSumsFile
{
    private readonly Dictionary<string, string> hashByFileName;

    private ShaSumsFile(Dictionary<string, string> hashByFileName) => this.hashByFileName = hashByFileName;

    /// <summary>The entries in file name order: file name and lower-case hex SHA-256.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries =>
        hashByFileName.OrderBy(e => e.Key, StringComparer.Ordinal);

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="sourceName"/> (e.g. the URL it came from) names it in
    /// diagnostics. Returns null with at least one <see cref="DiagnosticCodes.ShaSumsInvalid"/> error when a line is
    /// malformed or a file is listed twice with different hashes.
    /// </summary>
    public static ShaSumsFile? Parse(string text, string sourceName, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var problems = new List<Diagnostic>();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line.Length == 0) continue;
            var lineNumber = index + 1;
            if (!TryParseLine(line, out var hash, out var fileName))
            {
                problems.Add(Error(sourceName, lineNumber,
                    $"line {lineNumber} is not \"<64 hex digits>  <file name>\": \"{Shown(line)}\""));
                continue;
            }
            if (hashes.TryGetValue(fileName, out var earlier) && earlier != hash)
            {
                problems.Add(Error(sourceName, lineNumber,
                    $"\"{Shown(fileName)}\" is listed again on line {lineNumber} with a different hash"));
                continue;
            }
            hashes[fileName] = hash;
        }
        diagnostics = problems;
        return problems.Count == 0 ? new ShaSumsFile(hashes) : null;
    }

    /// <summary>The lower-case hex SHA-256 listed for <paramref name="fileName"/>, or null when it is not listed.</summary>
    public string? Find(string fileName) => hashByFileName.TryGetValue(fileName, out var hash) ? hash : null;

    /// <summary>
    /// The <c>zh:</c> hash of every provider package of <paramref name="providerType"/> listed, by platform; lines
    /// that are not such packages (the manifest, other files) are left out.
    /// </summary>
    public IReadOnlyDictionary<Platform, PackageHash> ZipHashesByPlatform(string providerType)
    {
        var result = new Dictionary<Platform, PackageHash>();
        foreach (var entry in Entries)
        {
            if (ProviderZipFileName.TryParseForType(entry.Key, providerType, out var zip, out _))
            {
                result[zip.Platform] = PackageHash.Create(PackageHash.SchemeZip, entry.Value);
            }
        }
        return result;
    }

    private static bool TryParseLine(string line, out string hash, out string fileName)
    {
        hash = fileName = string.Empty;
        if (line.Length < 66 || line[64] != ' ') return false;
        var hex = line.Substring(0, 64);
        if (!hex.All(Uri.IsHexDigit)) return false;
        var rest = line.Substring(65);
        if (rest.StartsWith(" ", StringComparison.Ordinal) || rest.StartsWith("*", StringComparison.Ordinal)) rest = rest.Substring(1);
        if (rest.Length == 0 || rest.Any(char.IsControl)) return false;
        hash = hex.ToLowerInvariant();
        fileName = rest;
        return true;
    }

    private static string Shown(string text) => LoggingCommandText.Neutralize(text.Length > 120 ? text.Substring(0, 120) + "…" : text);

    private static Diagnostic Error(string sourceName, int line, string detail) =>
        Diagnostic.Error($"{LoggingCommandText.Neutralize(sourceName)} is not a valid SHA256SUMS file", detail + "; the release's checksums cannot be trusted.",
            new SourceRange(sourceName, new SourcePosition(line, 1, 0), new SourcePosition(line, 1, 0)))
        with { Code = DiagnosticCodes.ShaSumsInvalid };
}
