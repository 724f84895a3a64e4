using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Stores;
using TofuMirror.Oci;
using TofuMirror.Oci.Content;
using TofuMirror.Model.Addresses;

namespace TofuMirror.Engine.Tests.Support;

/// <summary>A fixed list of stores for every provider (several installation methods in order).</summary>
internal sealed class FixedStores(params IOciRepositoryStore[] stores) : IProviderStoreResolver
{
    public IReadOnlyList<IOciRepositoryStore> Resolve(ProviderAddress provider) => stores;
}

/// <summary>A store that runs <see cref="OnBlobDownload"/> when a blob download starts (to cancel mid-download), streamed or to a file.</summary>
internal sealed class InterceptingStore(IOciRepositoryStore inner) : IOciRepositoryStore
{
    public Func<CancellationToken, Task>? OnBlobDownload { get; set; }

    /// <summary>The store this one wraps (for replacements that still read the real bytes).</summary>
    public IOciRepositoryStore Inner => inner;

    public int BlobDownloads => _blobDownloads;

    private int _blobDownloads;

    public string Name => inner.Name;

    public Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken) => inner.ListTagsAsync(cancellationToken);

    public int Resolves => _resolves;

    /// <summary>Resolutions of version tags only (not of the referrers tag schema's <c>sha256-…</c> tags, which the provenance check reads).</summary>
    public int VersionTagResolves => _versionTagResolves;

    private int _resolves;
    private int _versionTagResolves;

    public Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _resolves);
        if (!reference.StartsWith("sha256-", StringComparison.Ordinal)) Interlocked.Increment(ref _versionTagResolves);
        return inner.ResolveAsync(reference, cancellationToken);
    }

    public Task<byte[]> FetchManifestAsync(Descriptor descriptor, CancellationToken cancellationToken) => inner.FetchManifestAsync(descriptor, cancellationToken);

    public Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken) =>
        inner.PushManifestAsync(content, mediaType, tag, cancellationToken);

    public Task<bool> BlobExistsAsync(Descriptor descriptor, CancellationToken cancellationToken) => inner.BlobExistsAsync(descriptor, cancellationToken);

    /// <summary>Runs instead of the inner store's streamed download when set (to break a download part-way).</summary>
    public Func<Descriptor, Stream, CancellationToken, Task>? ReplaceBlobStream { get; set; }

    public async Task FetchBlobAsync(Descriptor descriptor, Stream destination, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _blobDownloads);
        if (OnBlobDownload is not null) await OnBlobDownload(cancellationToken);
        if (ReplaceBlobStream is not null) await ReplaceBlobStream(descriptor, destination, cancellationToken);
        else await inner.FetchBlobAsync(descriptor, destination, cancellationToken);
    }

    /// <summary>Runs instead of the inner store's ranged request for a blob's end when set (a registry answering wrongly).</summary>
    public Func<Descriptor, int, CancellationToken, Task<byte[]?>>? ReplaceBlobTail { get; set; }

    public int TailRequests => _tailRequests;

    private int _tailRequests;

    public Task<byte[]?> FetchBlobTailAsync(Descriptor descriptor, int length, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tailRequests);
        return ReplaceBlobTail is not null ? ReplaceBlobTail(descriptor, length, cancellationToken) : inner.FetchBlobTailAsync(descriptor, length, cancellationToken);
    }

    public async Task FetchBlobToFileAsync(Descriptor descriptor, string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _blobDownloads);
        if (OnBlobDownload is not null) await OnBlobDownload(cancellationToken);
        await inner.FetchBlobToFileAsync(descriptor, path, cancellationToken);
    }

    public Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken) =>
        inner.PushBlobAsync(descriptor, content, cancellationToken);
}
