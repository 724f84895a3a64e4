using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using TofuMirror.Model.Locks;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Hashing;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>Writes a root module: <c>main.tf</c> with <c>required_providers</c>, and <c>.terraform.lock.hcl</c>.</summary>
internal static class ModuleFiles
{
    /// <summary>Requires each provider (local name = its type) at exactly the locked version.</summary>
    public static void WriteMainTf(string directory, params (ProviderAddress Address, string Version)[] providers)
    {
        Directory.CreateDirectory(directory);
        var text = new StringBuilder("terraform {\n  required_providers {\n");
        foreach (var (address, version) in providers)
            text.Append("    ").Append(address.Type).Append(" = {\n")
                .Append("      source  = \"").Append(address).Append("\"\n")
                .Append("      version = \"").Append(version).Append("\"\n")
                .Append("    }\n");
        text.Append("  }\n}\n");
        File.WriteAllText(Path.Combine(directory, "main.tf"), text.ToString());
    }

    public static void WriteLock(string directory, params ProviderLock[] providers) =>
        File.WriteAllText(Path.Combine(directory, LockFile.FileName), LockFileWriter.Write(new LockFile(providers)));

    public static ProviderLock Lock(ProviderAddress address, string version, IEnumerable<PackageHash> hashes) =>
        new(address, ProviderVersion.Parse(version), VersionConstraints.Parse(version), hashes.ToList());

    /// <summary>A module requiring and locking each provider with the given hashes.</summary>
    public static void Write(string directory, params (ProviderAddress Address, string Version, PackageHash[] Hashes)[] providers)
    {
        WriteMainTf(directory, providers.Select(p => (p.Address, p.Version)).ToArray());
        WriteLock(directory, providers.Select(p => Lock(p.Address, p.Version, p.Hashes)).ToArray());
    }
}
