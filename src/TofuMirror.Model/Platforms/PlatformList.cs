using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Model.Platforms;

/// <summary>
/// The platforms a user lists (<c>--platform</c> values, or a <c>TofuPlatforms</c> property separated by <c>;</c> or <c>,</c>):
/// the valid ones in order without repeats, and a message for each invalid one naming where it was listed.
/// </summary>
public sealed class PlatformList
{
    private static readonly char[] Separators = { ';', ',' };
    private readonly string _listedIn;

    private PlatformList(IReadOnlyList<Platform> platforms, IReadOnlyList<string> errors, string listedIn)
    {
        Platforms = platforms;
        Errors = errors;
        _listedIn = listedIn;
    }

    /// <summary>The valid platforms, first occurrence first.</summary>
    public IReadOnlyList<Platform> Platforms { get; }

    /// <summary>One message per problem, e.g. an invalid name; empty when the list is good.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Parses a list separated by <c>;</c> or <c>,</c> (an MSBuild property); blanks around names are ignored.</summary>
    /// <param name="text">The list; null or blank lists no platform.</param>
    /// <param name="listedIn">Where the list comes from, for messages (e.g. <c>TofuPlatforms</c>).</param>
    public static PlatformList Parse(string? text, string listedIn) =>
        Parse((text ?? string.Empty).Split(Separators).Select(n => n.Trim()).Where(n => n.Length > 0), listedIn);

    /// <summary>Parses names given one by one (e.g. repeated <c>--platform</c> options).</summary>
    /// <param name="names">The names, each <c>os_arch</c>.</param>
    /// <param name="listedIn">Where the names come from, for messages (e.g. <c>--platform</c>).</param>
    public static PlatformList Parse(IEnumerable<string> names, string listedIn)
    {
        var platforms = new List<Platform>();
        var errors = new List<string>();
        foreach (var name in names)
        {
            if (!Platform.TryParse(name, out var platform, out var error))
                errors.Add($"{listedIn} has an invalid platform '{name}': {error}. Use os_arch names such as linux_amd64.");
            else if (!platforms.Contains(platform))
                platforms.Add(platform);
        }
        return new PlatformList(platforms, errors, listedIn);
    }

    /// <summary>
    /// This list, or when it names no platform and has no error, this machine's platform
    /// (an error when the machine's platform has no OpenTofu name).
    /// </summary>
    public PlatformList OrCurrent()
    {
        if (Platforms.Count > 0 || Errors.Count > 0) return this;
        return Platform.Current is { } current
            ? new PlatformList(new[] { current }, Errors, _listedIn)
            : new PlatformList(Platforms, new[] { $"This machine's platform has no OpenTofu name. Name the platforms with {_listedIn}, for example linux_amd64." }, _listedIn);
    }
}
