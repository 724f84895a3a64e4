using System.Collections.Generic;
using System.Linq;
using TofuMirror.Model.Addresses;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>
/// One installation method of a <c>provider_installation</c> block. The include/exclude strings are kept as
/// written: like OpenTofu, a bad pattern is reported when the sources are built (<see cref="TryGetSelector"/>),
/// not when the configuration loads.
/// </summary>
public abstract class ProviderInstallationMethod
{
    private protected ProviderInstallationMethod(IReadOnlyList<string> include, IReadOnlyList<string> exclude, SourceRange range)
    {
        IncludeText = include;
        ExcludeText = exclude;
        Range = range;
        if (ProviderSelector.TryParse(include, exclude, out var selector, out var error))
        {
            Selector = selector;
        }
        else
        {
            PatternError = error;
        }
    }

    /// <summary>The block name: <c>direct</c>, <c>filesystem_mirror</c>, <c>network_mirror</c> or <c>oci_mirror</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The <c>include</c> patterns as written.</summary>
    public IReadOnlyList<string> IncludeText { get; }

    /// <summary>The <c>exclude</c> patterns as written.</summary>
    public IReadOnlyList<string> ExcludeText { get; }

    /// <summary>The parsed <c>include</c> patterns (empty when a pattern is invalid).</summary>
    public IReadOnlyList<ProviderPattern> Include => Selector?.Include ?? System.Array.Empty<ProviderPattern>();

    /// <summary>The parsed <c>exclude</c> patterns (empty when a pattern is invalid).</summary>
    public IReadOnlyList<ProviderPattern> Exclude => Selector?.Exclude ?? System.Array.Empty<ProviderPattern>();

    /// <summary>The parsed filter, or null when a pattern is invalid.</summary>
    public ProviderSelector? Selector { get; }

    /// <summary>OpenTofu's message for the first invalid pattern, or null.</summary>
    public string? PatternError { get; }

    /// <summary>Where the method block is.</summary>
    public SourceRange Range { get; }

    /// <summary>The filter, or false with OpenTofu's pattern error (raised when sources are built).</summary>
    public bool TryGetSelector(out ProviderSelector selector, out string error)
    {
        selector = Selector!;
        error = PatternError ?? "";
        return Selector is not null;
    }

    /// <summary>True when this method may handle the provider (false too when the patterns are invalid).</summary>
    public bool Handles(ProviderAddress provider) => Selector is not null && Selector.Handles(provider);
}

/// <summary><c>direct</c>: install from the provider's origin registry.</summary>
public sealed class DirectMethod : ProviderInstallationMethod
{
    internal DirectMethod(IReadOnlyList<string> include, IReadOnlyList<string> exclude, int? downloadRetryCount, SourceRange range)
        : base(include, exclude, range) => DownloadRetryCount = downloadRetryCount;

    /// <inheritdoc />
    public override string Kind => "direct";

    /// <summary><c>download_retry_count</c> when set.</summary>
    public int? DownloadRetryCount { get; }
}

/// <summary><c>filesystem_mirror</c>: install from a local directory.</summary>
public sealed class FilesystemMirrorMethod : ProviderInstallationMethod
{
    internal FilesystemMirrorMethod(string path, IReadOnlyList<string> include, IReadOnlyList<string> exclude, SourceRange range)
        : base(include, exclude, range) => Path = path;

    /// <inheritdoc />
    public override string Kind => "filesystem_mirror";

    /// <summary>The mirror directory as written.</summary>
    public string Path { get; }
}

/// <summary><c>network_mirror</c>: install from a provider network mirror.</summary>
public sealed class NetworkMirrorMethod : ProviderInstallationMethod
{
    internal NetworkMirrorMethod(string url, IReadOnlyList<string> include, IReadOnlyList<string> exclude,
        int? downloadRetryCount, bool trustAllHashes, SourceRange range)
        : base(include, exclude, range)
    {
        Url = url;
        DownloadRetryCount = downloadRetryCount;
        TrustAllHashes = trustAllHashes;
    }

    /// <inheritdoc />
    public override string Kind => "network_mirror";

    /// <summary>The base URL exactly as written (checked for <c>https:</c> when sources are built).</summary>
    public string Url { get; }

    /// <summary><c>download_retry_count</c> when set.</summary>
    public int? DownloadRetryCount { get; }

    /// <summary><c>trust_all_hashes</c>.</summary>
    public bool TrustAllHashes { get; }

    /// <summary>OpenTofu's error when the URL is not an <c>https:</c> URL, else null.</summary>
    public string? UrlError =>
        System.Uri.TryCreate(Url, System.UriKind.Absolute, out var uri) && uri.Scheme == "https"
            ? null
            : $"Cannot use \"{Url}\" as a URL for a network provider mirror: the mirror must be at an https: URL.";
}
