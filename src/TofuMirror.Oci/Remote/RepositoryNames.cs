using System.Text.RegularExpressions;

namespace TofuMirror.Oci.Remote;

/// <summary>OCI distribution grammar for repository names and tags.</summary>
public static partial class RepositoryNames
{
    /// <summary>True when <paramref name="name"/> is a valid repository name (lowercase path components).</summary>
    public static bool IsValidRepository(string? name) => name is { Length: > 0 and <= 255 } && RepositoryRegex().IsMatch(name);

    /// <summary>True when <paramref name="tag"/> is a valid tag.</summary>
    public static bool IsValidTag(string? tag) => tag is not null && TagRegex().IsMatch(tag);

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryRegex();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
