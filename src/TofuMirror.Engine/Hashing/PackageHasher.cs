using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Hashing;

/// <summary>
/// Computes OpenTofu's package hashes while streaming: <c>zh:</c> (SHA-256 of the zip bytes) and <c>h1:</c>
/// (Go modules' dirhash "h1" over the files of a zip or a directory).
/// </summary>
/// <remarks>
/// h1 is the standard base64 SHA-256 of a summary text with one line per file, sorted by UTF-8 byte order of
/// the path: <c>&lt;lowercase hex sha256 of content&gt;␠␠&lt;path&gt;\n</c>. Zip entries are taken exactly as
/// stored (directory entries count as empty files); directories are walked recursively with <c>/</c>
/// separators, symbolic links listed and their targets' content hashed.
/// Reads use 1 MiB buffers and one reused <see cref="IncrementalHash"/> per file. For deflated zips, h1 is
/// bounded by inflating (it must hash the uncompressed bytes); overlapping inflate and hash on two threads
/// was measured and did not pay off on a busy two-core machine, so callers parallelise across packages.
/// </remarks>
public static class PackageHasher
{
    private const int BufferSize = 1 << 20;

    /// <summary>The <c>zh:</c> hash of a zip file.</summary>
    public static PackageHash ComputeZipHash(string zipPath)
    {
        using var stream = OpenSequential(zipPath);
        return ComputeZipHash(stream);
    }

    /// <summary>The <c>zh:</c> hash of the remaining bytes of <paramref name="zipStream"/>.</summary>
    public static PackageHash ComputeZipHash(Stream zipStream)
    {
        if (zipStream is null) throw new ArgumentNullException(nameof(zipStream));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        return PackageHash.Create(PackageHash.SchemeZip, Hex(HashStream(sha, zipStream, buffer)));
    }

    /// <summary>The <c>h1:</c> hash of the entries of a zip file.</summary>
    public static PackageHash ComputeH1FromZip(string zipPath)
    {
        using var stream = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return ComputeH1FromZip(stream);
    }

    /// <summary>The <c>h1:</c> hash of the entries of a zip read from a seekable stream (left open).</summary>
    public static PackageHash ComputeH1FromZip(Stream zipStream)
    {
        using var archive = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        // Names are listed as stored, duplicates included; each name reads the last entry with that name
        // (the zip reader OpenTofu relies on keeps a name → entry map).
        var names = new List<string>(archive.Entries.Count);
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            names.Add(entry.FullName);
            byName[entry.FullName] = entry;
        }
        return ComputeH1(names, name => byName[name].Open());
    }

    /// <summary>The <c>h1:</c> hash of the files under a directory (recursive).</summary>
    /// <exception cref="IOException">A path contains a newline or a symbolic link points to a directory.</exception>
    public static PackageHash ComputeH1FromDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"{directory} is not a directory.");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectFiles(new DirectoryInfo(root), string.Empty, files);
        return ComputeH1(files.Keys, name => OpenSequential(files[name]));
    }

    /// <summary>
    /// The <c>h1:</c> hash of named files; <paramref name="open"/> is called once per name, in sorted order,
    /// and its stream is disposed after reading.
    /// </summary>
    public static PackageHash ComputeH1(IEnumerable<string> names, Func<string, Stream> open)
    {
        var sorted = new List<string>(names);
        sorted.Sort(Utf8Ordinal.Instance);
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        foreach (var name in sorted)
        {
            if (name.IndexOf('\n') >= 0)
                throw new IOException($"Cannot hash the package: the file name \"{name.Replace("\n", "\\n")}\" contains a newline.");
            byte[] digest;
            using (var stream = open(name))
            {
                digest = HashStream(fileHash, stream, buffer);
            }
            var line = Encoding.UTF8.GetBytes(Hex(digest) + "  " + name + "\n");
            summary.AppendData(line, 0, line.Length);
        }
        return PackageHash.Create(PackageHash.SchemeH1, Convert.ToBase64String(summary.GetHashAndReset()));
    }

    /// <summary>The <c>h1:</c> hash from file names and the SHA-256 of each file's content, already computed.</summary>
    public static PackageHash ComputeH1FromDigests(IReadOnlyDictionary<string, byte[]> sha256ByName)
    {
        var sorted = new List<string>(sha256ByName.Keys);
        sorted.Sort(Utf8Ordinal.Instance);
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in sorted)
        {
            if (name.IndexOf('\n') >= 0)
                throw new IOException($"Cannot hash the package: the file name \"{name.Replace("\n", "\\n")}\" contains a newline.");
            var line = Encoding.UTF8.GetBytes(Hex(sha256ByName[name]) + "  " + name + "\n");
            summary.AppendData(line, 0, line.Length);
        }
        return PackageHash.Create(PackageHash.SchemeH1, Convert.ToBase64String(summary.GetHashAndReset()));
    }

    private static void CollectFiles(DirectoryInfo directory, string prefix, Dictionary<string, string> files)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var relative = prefix + entry.Name;
            var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
            if (entry is DirectoryInfo subdirectory)
            {
                if (isLink)
                    throw new IOException($"Cannot hash the package: \"{relative}\" is a symbolic link to a directory, which cannot be read as a file.");
                CollectFiles(subdirectory, relative + "/", files);
            }
            else
            {
                files[relative] = entry.FullName;
            }
        }
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    private static byte[] HashStream(IncrementalHash hash, Stream stream, byte[] buffer)
    {
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Lowercase hexadecimal of bytes.</summary>
    internal static string Hex(byte[] bytes)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[2 * i + 1] = digits[bytes[i] & 0xF];
        }
        return new string(chars);
    }
}
