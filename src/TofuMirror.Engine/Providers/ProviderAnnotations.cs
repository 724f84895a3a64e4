namespace TofuMirror.Engine.Providers;

/// <summary>
/// Annotations TofuMirror adds to the OCI artifacts it pushes. OpenTofu ignores unknown annotations, so they
/// change nothing for it; they let <c>tofu-mirror lock</c> record every platform's hashes without downloading.
/// </summary>
public static class ProviderAnnotations
{
    /// <summary>On each platform image manifest: the <c>h1:</c> hash of the unpacked package (as OpenTofu computes it).</summary>
    public const string H1 = "org.tofumirror.package.h1";
}
