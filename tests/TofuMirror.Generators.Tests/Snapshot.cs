using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Testing;

namespace TofuMirror.Generators.Tests;

/// <summary>
/// Compares generated text with <c>Snapshots/NAME.verified.cs</c>. On a difference it writes
/// <c>NAME.received.cs</c> beside it and fails; set TOFU_ACCEPT_SNAPSHOTS=1 to write the verified file instead.
/// </summary>
internal static class Snapshot
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "TofuMirror.Generators.Tests", "Snapshots");

    public static void Verify(string name, string actual)
    {
        var verified = Path.Combine(Folder, name + ".verified.cs");
        var received = Path.Combine(Folder, name + ".received.cs");
        if (Environment.GetEnvironmentVariable("TOFU_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual.Replace("\r\n", "\n"))
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; the generated text is in {received}."
            : $"Generated text differs from {verified}; see {received}.");
    }
}
