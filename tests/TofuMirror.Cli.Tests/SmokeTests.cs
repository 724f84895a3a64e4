using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TofuMirror.Cli.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void Main_WithNoArguments_Returns0() => Assert.AreEqual(0, Program.Main([]));
}
