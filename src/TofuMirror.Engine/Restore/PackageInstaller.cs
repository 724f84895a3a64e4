using System;
using System.Collections.Generic;
using System.IO;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Hashing;
using TofuMirror.Engine.Zip;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Packages;
using TofuMirror.Model.Platforms;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Restore;

/// <summary>The two filesystem-mirror layouts OpenTofu reads.</summary>
public enum OutputLayout
{
    /// <summary><c>HOST/NS/TYPE/VERSION/OS_ARCH/</c> folders with the extracted package (the default).</summary>
    Unpacked,

    /// <summary><c>HOST/NS/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip</c> files.</summary>
    Packed,
}

/// <summary>
/// Installs a verified zip into the output folder: extract into a temp folder inside the output (same file
/// system), hash, check against the lock, then swap in with renames. A provider binary that may be running
/// is never overwritten in place, and a failure leaves the previous install untouched.
/// </summary>
public sealed class PackageInstaller
{
    private readonly string _outputDirectory;
    private readonly string _workDirectory;

    public PackageInstaller(string outputDirectory)
    {
        _outputDirectory = Path.GetFullPath(outputDirectory);
        _workDirectory = Path.Combine(_outputDirectory, ".tofumirror", "tmp");
    }

    /// <summary>Installs and returns the <c>h1:</c> hash of what was installed (null when the lock's <c>zh:</c> proved it).</summary>
    public PackageHash? Install(Stream zip, ProviderPackageLocation location, IReadOnlyList<PackageHash> lockedHashes, OutputLayout layout) =>
        Install(zip, new PackageIdentity(location.Provider, location.Version, location.Platform), location.Zh, lockedHashes, layout);

    /// <summary>
    /// Installs a zip, read from the seekable stream its <c>zh:</c> was verified through (by the caller), so nothing can
    /// swap the file between the check and the extraction; returns its <c>h1:</c>, computed only when the lock file
    /// does not record that <c>zh:</c> (<see cref="ContentChecksFor"/>).
    /// </summary>
    public PackageHash? Install(Stream zip, PackageIdentity package, PackageHash zh, IReadOnlyList<PackageHash> lockedHashes, OutputLayout layout)
    {
        var temp = NewStagingPath();
        var checks = ContentChecksFor(zh, lockedHashes);
        try
        {
            PackageHash? h1;
            if (layout == OutputLayout.Unpacked)
            {
                try
                {
                    h1 = SafeZipExtractor.Extract(zip, temp, checks);
                }
                catch (Exception e) when (e is InvalidDataException or UnsafeZipEntryException or ZipLimitExceededException)
                {
                    throw NotAValidZip(package, e);
                }
            }
            else
            {
                using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1)) zip.CopyTo(copy, 1 << 18);
                h1 = checks == ZipContentChecks.None ? null : PackageHasher.ComputeH1FromZip(temp);
            }

            Publish(temp, package, h1, zh, lockedHashes, layout);
            return h1;
        }
        finally
        {
            Delete(temp);
        }
    }

    /// <summary>
    /// A blob whose verified digest is one of the lock's <c>zh:</c> hashes is proven byte for byte, and with it every
    /// file it inflates to: hashing those files again for <c>h1:</c> (and checking their CRC-32) is only needed when the
    /// lock does not record that <c>zh:</c>. The digest is always verified before anything is published.
    /// </summary>
    internal static ZipContentChecks ContentChecksFor(PackageHash zh, IReadOnlyList<PackageHash> lockedHashes) =>
        PackageHashes.AnyMatch(lockedHashes, [zh]) ? ZipContentChecks.None : ZipContentChecks.HashAndCrc;

    /// <summary>A new path for staging one package, inside the output folder (same file system, so publishing is a rename).</summary>
    internal string NewStagingPath()
    {
        Directory.CreateDirectory(_workDirectory);
        return Path.Combine(_workDirectory, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Checks the staged package's hashes against the lock, then swaps it in as the installed package.</summary>
    internal void Publish(string staged, PackageIdentity package, PackageHash? h1, PackageHash zh, IReadOnlyList<PackageHash> lockedHashes, OutputLayout layout)
    {
        if (!PackageHashes.AnyMatch(lockedHashes, h1 is null ? [zh] : [h1, zh]))
            throw new ProviderFailure(DiagnosticCodes.ChecksumMismatch,
                $"the package for {package} ({(h1 is null ? "" : h1 + ", ")}{zh}) doesn't match any of the checksums recorded in the dependency lock file; " +
                "if the mirror's content is the one you trust, run `tofu-mirror lock` to record it.");

        var target = layout == OutputLayout.Unpacked
            ? FilesystemMirrorLayout.UnpackedDirectory(_outputDirectory, package.Provider, package.Version, package.Platform)
            : FilesystemMirrorLayout.PackedZipPath(_outputDirectory, package.Provider, package.Version, package.Platform);
        SwapIn(staged, target, isDirectory: layout == OutputLayout.Unpacked);
    }

    internal static ProviderFailure NotAValidZip(PackageIdentity package, Exception e) =>
        new(DiagnosticCodes.InvalidPackage, $"the package for {package} is not a valid provider zip: {e.Message}", e);

    /// <summary>Removes a staging folder or file if it is still there.</summary>
    internal static void Delete(string staged)
    {
        if (Directory.Exists(staged)) Directory.Delete(staged, recursive: true);
        else if (File.Exists(staged)) File.Delete(staged);
    }

    /// <summary>Moves the old target aside, renames the new one in, then deletes the old one (which may still be in use).</summary>
    private void SwapIn(string source, string target, bool isDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var old = Path.Combine(_workDirectory, "old-" + Guid.NewGuid().ToString("N"));
        var hadOld = isDirectory ? Directory.Exists(target) : File.Exists(target);
        if (hadOld)
        {
            if (isDirectory) Directory.Move(target, old);
            else File.Move(target, old);
        }
        try
        {
            if (isDirectory) Directory.Move(source, target);
            else File.Move(source, target);
        }
        catch
        {
            if (hadOld)
            {
                if (isDirectory) Directory.Move(old, target);
                else File.Move(old, target);
            }
            throw;
        }
        TryDelete(old);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Still in use (Windows keeps running executables locked); LeftoverSweeper retries on the next restore.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

}

/// <summary>One provider package: provider, version, platform.</summary>
public sealed record PackageIdentity(ProviderAddress Provider, ProviderVersion Version, Platform Platform)
{
    public override string ToString() => $"{Provider.ForDisplay()} {Version} ({Platform})";
}
