using System;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class PlatformTests
{
    [TestMethod]
    [DataRow("linux_amd64", "linux", "amd64")]
    [DataRow("darwin_arm64", "darwin", "arm64")]
    [DataRow("windows_386", "windows", "386")]
    [DataRow("plan9_mips", "plan9", "mips")]
    public void Parses(string text, string os, string arch)
    {
        Assert.IsTrue(Platform.TryParse(text, out var platform, out var error), error);
        Assert.AreEqual(os, platform.Os);
        Assert.AreEqual(arch, platform.Arch);
        Assert.AreEqual(text, platform.ToString());
    }

    [TestMethod]
    [DataRow("linux-amd64", "must be two words separated by an underscore")]
    [DataRow("linux_amd64_v2", "must be two words separated by an underscore")]
    [DataRow("linux", "must be two words separated by an underscore")]
    [DataRow("", "must be two words separated by an underscore")]
    [DataRow("_amd64", "must be two words separated by an underscore")]
    [DataRow("linux _amd64", "OS portion must not contain whitespace")]
    [DataRow("linux_amd 64", "architecture portion must not contain whitespace")]
    public void Rejects(string text, string expected)
    {
        Assert.IsFalse(Platform.TryParse(text, out _, out var error));
        Assert.AreEqual(expected, error);
        var exception = Assert.Throws<FormatException>(() => Platform.Parse(text));
        StringAssert.Contains(exception.Message, expected);
    }

    [TestMethod]
    public void EqualityAndOrdering()
    {
        Assert.AreEqual(Platform.Parse("linux_amd64"), new Platform("linux", "amd64"));
        Assert.IsLessThan(0, Platform.Parse("darwin_arm64").CompareTo(Platform.Parse("linux_amd64")));
        Assert.IsLessThan(0, Platform.Parse("linux_386").CompareTo(Platform.Parse("linux_amd64")));
    }

    [TestMethod]
    [DataRow(Architecture.X64, "amd64")]
    [DataRow(Architecture.Arm64, "arm64")]
    [DataRow(Architecture.X86, "386")]
    [DataRow(Architecture.Arm, "arm")]
    [DataRow(Architecture.Wasm, null)]
    public void ArchitectureNames(Architecture architecture, string? expected)
    {
        Assert.AreEqual(expected, Platform.FromArchitecture(architecture));
    }

    [TestMethod]
    public void CurrentMatchesThisMachine()
    {
        var current = Platform.Current;
        Assert.IsNotNull(current);
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "freebsd";
        Assert.AreEqual(os, current.Os);
        Assert.AreEqual(Platform.FromArchitecture(RuntimeInformation.OSArchitecture), current.Arch);
    }
}
