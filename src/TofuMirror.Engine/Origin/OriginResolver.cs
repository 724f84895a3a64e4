using TofuMirror.Model.Addresses;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Origin;

/// <summary>
/// The one place that decides where a provider's packages come from: a local folder when one is given, else the
/// provider's own hostname through the provider registry protocol.
/// </summary>
public sealed class OriginResolver
{
    private readonly IProviderOrigin? _folder;

    /// <param name="fromFolder">A <c>tofu providers mirror</c> folder that serves every provider (<c>--from-folder</c>).</param>
    public OriginResolver(string? fromFolder)
    {
        if (fromFolder is not null) _folder = new FolderProviderOrigin(fromFolder);
    }

    /// <summary>The origin for <paramref name="provider"/>; throws <see cref="OriginException"/> when none can serve it.</summary>
    public IProviderOrigin Resolve(ProviderAddress provider)
    {
        if (_folder is not null) return _folder;
        throw new OriginException(DiagnosticCodes.OriginNotAvailable,
            $"{provider.ForDisplay()}: origin registry support (the provider registry protocol of {provider.Hostname}) is not built into this build. " +
            "Download the providers with `tofu providers mirror DIR` and pass --from-folder DIR.");
    }
}
