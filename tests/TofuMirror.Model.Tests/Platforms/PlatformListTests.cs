using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TofuMirror.Model.Platforms;

namespace TofuMirror.Model.Tests;

[TestClass]
public sealed class PlatformListTests
{
    [TestMethod]
    public void A_property_is_split_on_semicolons_and_commas_trimmed_and_deduplicated_in_order()
    {
        var list = PlatformList.Parse(" linux_amd64; darwin_arm64 ,,linux_amd64;windows_386 ", "TofuPlatforms");

        Assert.IsEmpty(list.Errors);
        CollectionAssert.AreEqual(new[] { "linux_amd64", "darwin_arm64", "windows_386" }, list.Platforms.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void Each_invalid_name_is_one_error_naming_the_list_and_the_valid_names_are_kept()
    {
        var list = PlatformList.Parse(new[] { "linux-amd64", "linux_amd64", "linux_amd 64" }, "--platform");

        CollectionAssert.AreEqual(new[]
        {
            "--platform has an invalid platform 'linux-amd64': must be two words separated by an underscore. Use os_arch names such as linux_amd64.",
            "--platform has an invalid platform 'linux_amd 64': architecture portion must not contain whitespace. Use os_arch names such as linux_amd64.",
        }, list.Errors.ToArray());
        CollectionAssert.AreEqual(new[] { "linux_amd64" }, list.Platforms.Select(p => p.ToString()).ToArray());
    }

    [TestMethod]
    public void Names_given_one_by_one_are_not_split_or_trimmed()
    {
        var list = PlatformList.Parse(new[] { "linux_amd64,darwin_arm64" }, "--platform");

        Assert.HasCount(1, list.Errors);
        Assert.IsEmpty(list.Platforms);
    }

    [TestMethod]
    public void An_empty_list_or_current_is_this_machine()
    {
        var list = PlatformList.Parse(" ; ", "TofuPlatforms");
        Assert.IsEmpty(list.Platforms);
        Assert.IsEmpty(list.Errors);

        var defaulted = list.OrCurrent();

        if (Platform.Current is { } current)
        {
            CollectionAssert.AreEqual(new[] { current }, defaulted.Platforms.ToArray());
            Assert.IsEmpty(defaulted.Errors);
        }
        else
        {
            Assert.AreEqual("This machine's platform has no OpenTofu name. Name the platforms with TofuPlatforms, for example linux_amd64.", defaulted.Errors.Single());
        }
    }

    [TestMethod]
    public void A_list_with_errors_or_current_keeps_its_errors_and_adds_no_platform()
    {
        var defaulted = PlatformList.Parse("linux", "TofuPlatforms").OrCurrent();

        Assert.HasCount(1, defaulted.Errors);
        Assert.IsEmpty(defaulted.Platforms);
    }
}
