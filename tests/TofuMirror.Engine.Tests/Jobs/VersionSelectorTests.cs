using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Engine.Lock;
using TofuMirror.Model.Versions;

namespace TofuMirror.Engine.Tests.Jobs;

[TestClass]
public sealed class VersionSelectorTests
{
    [TestMethod]
    [DataRow("~> 1.0", null, "1.0.0,1.1.0,2.0.0", "1.1.0", VersionChoice.Newest)]
    [DataRow("~> 1.0", "1.0.0", "1.0.0,1.1.0,2.0.0", "1.0.0", VersionChoice.KeptLocked)]
    [DataRow(">= 1.1.0", "1.0.0", "1.0.0,1.1.0,2.0.0", "2.0.0", VersionChoice.Newest)]
    [DataRow("~> 1.0", "1.0.5", "1.0.0,1.1.0", "1.1.0", VersionChoice.Newest)] // locked version gone from the mirror
    [DataRow("", null, "1.0.0,2.0.0-rc1", "1.0.0", VersionChoice.Newest)]
    [DataRow("2.0.0-rc1", null, "1.0.0,2.0.0-rc1", "2.0.0-rc1", VersionChoice.Newest)]
    [DataRow(">= 1.0.0", "2.0.0-rc1", "1.0.0,2.0.0-rc1", "1.0.0", VersionChoice.Newest)] // a locked pre-release needs an exact constraint
    public void Select(string constraints, string? locked, string available, string expected, VersionChoice expectedChoice)
    {
        var parsed = constraints.Length == 0 ? VersionConstraints.None : VersionConstraints.Parse(constraints);
        var versions = available.Split(',').Select(ProviderVersion.Parse).ToList();

        var chosen = VersionSelector.Select(parsed, locked is null ? null : ProviderVersion.Parse(locked), versions, out var choice);

        Assert.AreEqual(expected, chosen?.ToString());
        Assert.AreEqual(expectedChoice, choice);
    }

    [TestMethod]
    public void NothingAllowed_ReturnsNull() =>
        Assert.IsNull(VersionSelector.Select(VersionConstraints.Parse(">= 3.0.0"), null, [ProviderVersion.Parse("1.0.0")], out _));
}
