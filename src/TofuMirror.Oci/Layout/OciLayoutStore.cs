using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Content;
using TofuMirror.Oci.Referrers;

namespace TofuMirror.Oci.Layout;

/// <summary>
/// An OCI image-layout folder (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/HEX</c>) with the
/// same surface as a remote repository. Tags are <c>index.json</c> entries annotated with
/// <c>org.opencontainers.image.ref.name</c> (as skopeo and ORAS write them). Blobs are written to a
/// temporary file, verified and renamed into place; <c>index.json</c> updates happen under a lock on
/// the <c>oci-layout</c> file and are renamed into place too, so concurrent writers (threads or processes) are safe.
/// Referrers are untagged <c>index.json</c> entries (with their <c>artifactType</c> and annotations); a referrer's
/// subject is read from its manifest, so no tag or extra file is needed.
/// </summary>
public sealed class OciLayoutStore : IOciRepositoryStore, IOciReferrerStore
{
    private const string LayoutFile = "oci-layout";
    private const string IndexFile = "index.json";
    private static readonly byte[] LayoutContent = Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}");
    private readonly int _manifestLimitMiB;

    public OciLayoutStore(string root, int manifestSizeLimitMiB = 4)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _manifestLimitMiB = manifestSizeLimitMiB;
    }

    /// <summary>The layout folder.</summary>
    public string Root { get; }

    public string Name => "oci-layout:" + Root;

    /// <summary>The path of a blob in this layout.</summary>
    public string BlobPath(Digest digest) => Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);

    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken)
    {
        var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false) ?? throw NotALayout();
        return index.Manifests.Select(d => d.GetAnnotation(MediaTypes.Annotations.RefName)).Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal).ToList()!;
    }

    public async Task<Descriptor> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        if (reference.Contains(':'))
        {
            var digest = Digest.Parse(reference);
            var listed = index?.Manifests.FirstOrDefault(d => d.Digest == digest);
            if (listed is not null) return Strip(listed);
            var path = BlobPath(digest);
            if (!File.Exists(path)) throw NotFound(reference);
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return new Descriptor(OciJsonReader.Sniff(bytes).MediaType ?? string.Empty, digest, bytes.Length);
        }

        if (index is null) throw NotALayout();
        // The last entry wins, as later writes append.
        var tagged = index.Manifests.LastOrDefault(d => d.GetAnnotation(MediaTypes.Annotations.RefName) == reference);
        return tagged is null ? throw NotFound(reference) : Strip(tagged);
    }

    public async Task<byte[]> FetchManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (ContentReader.ExceedsManifestLimit(descriptor.Size, _manifestLimitMiB))
            throw new OciSizeLimitException($"manifest size {descriptor.Size} bytes exceeds OpenTofu's size limit of {_manifestLimitMiB} MiB") { Repository = Root, Reference = descriptor.Digest.ToString() };
        var path = BlobPath(descriptor.Digest);
        if (!File.Exists(path)) throw NotFound(descriptor.Digest.ToString());
        await using var file = OpenRead(path);
        var bytes = await ContentReader.ReadAllAsync(file, descriptor.Size, "manifest", cancellationToken).ConfigureAwait(false);
        try
        {
            ContentReader.Verify(bytes, descriptor, "manifest");
        }
        catch (OciException e)
        {
            e.Repository ??= Root;
            e.Reference ??= descriptor.Digest.ToString();
            throw;
        }

        return bytes;
    }

    public async Task<Descriptor> PushManifestAsync(ReadOnlyMemory<byte> content, string mediaType, string? tag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        var digest = Digest.Compute(content.Span);
        var descriptor = new Descriptor(mediaType, digest, content.Length);
        await using (var source = new MemoryStream(content.ToArray(), writable: false))
        {
            await PushBlobAsync(descriptor, source, cancellationToken).ConfigureAwait(false);
        }

        if (tag is null)
        {
            await EnsureLayoutAsync(cancellationToken).ConfigureAwait(false);
            return descriptor;
        }

        var (_, kind) = OciJsonReader.Sniff(content);
        string? artifactType = null;
        Platform? platform = null;
        if (kind == OciJsonReader.ManifestKind.Index) artifactType = OciJsonReader.ParseIndex(content).ArtifactType;
        else if (kind == OciJsonReader.ManifestKind.ImageManifest) artifactType = OciJsonReader.ParseImageManifest(content).ArtifactType;

        var entry = descriptor with
        {
            ArtifactType = artifactType,
            Platform = platform,
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [MediaTypes.Annotations.RefName] = tag },
        };
        await UpdateIndexAsync(list =>
        {
            list.RemoveAll(d => d.GetAnnotation(MediaTypes.Annotations.RefName) == tag);
            list.Add(entry);
        }, cancellationToken).ConfigureAwait(false);
        return descriptor;
    }

    public async Task<Descriptor> PushReferrerAsync(ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken)
    {
        var entry = ReferrerRules.EntryFor(manifest, mediaType);
        var descriptor = await PushManifestAsync(manifest, mediaType, null, cancellationToken).ConfigureAwait(false);
        await UpdateIndexAsync(list =>
        {
            if (!list.Exists(d => d.Digest == entry.Digest && d.GetAnnotation(MediaTypes.Annotations.RefName) is null)) list.Add(entry);
        }, cancellationToken).ConfigureAwait(false);
        return descriptor;
    }

    public async Task<IReadOnlyList<Descriptor>> ListReferrersAsync(Digest subject, string? artifactType, CancellationToken cancellationToken)
    {
        var index = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index is null) return Array.Empty<Descriptor>();
        var candidates = ReferrerRules.Filter(
            index.Manifests.Where(d => d.GetAnnotation(MediaTypes.Annotations.RefName) is null && d.Digest != subject
                && d.MediaType is MediaTypes.ImageManifest or MediaTypes.ImageIndex),
            artifactType, Name);
        var found = new List<Descriptor>();
        foreach (var candidate in candidates.DistinctBy(d => d.Digest))
        {
            var bytes = await FetchManifestAsync(candidate, cancellationToken).ConfigureAwait(false);
            var (_, kind) = OciJsonReader.Sniff(bytes);
            var named = kind == OciJsonReader.ManifestKind.Index ? OciJsonReader.ParseIndex(bytes).Subject : OciJsonReader.ParseImageManifest(bytes).Subject;
            if (named?.Digest == subject) found.Add(candidate);
        }

        return found;
    }

    public Task<bool> BlobExistsAsync(Descriptor descriptor, CancellationToken cancellationToken)
        => Task.FromResult(File.Exists(BlobPath(descriptor.Digest)));

    public async Task FetchBlobAsync(Descriptor descriptor, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var path = BlobPath(descriptor.Digest);
        if (!File.Exists(path)) throw NotFound(descriptor.Digest.ToString());
        await using var verifying = new VerifyingStream(OpenRead(path), descriptor.Digest, descriptor.Size);
        try
        {
            await verifying.CopyToAsync(destination, 128 * 1024, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e)
        {
            e.Repository ??= Root;
            e.Reference ??= descriptor.Digest.ToString();
            throw;
        }
    }

    /// <summary>The blob as a stream that verifies size and digest when read to its end.</summary>
    public Stream OpenBlob(Descriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var path = BlobPath(descriptor.Digest);
        if (!File.Exists(path)) throw NotFound(descriptor.Digest.ToString());
        return new VerifyingStream(OpenRead(path), descriptor.Digest, descriptor.Size);
    }

    /// <summary>The blob file's last <paramref name="length"/> bytes (all of it when shorter); unverified, like a registry's.</summary>
    public async Task<byte[]?> FetchBlobTailAsync(Descriptor descriptor, int length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var path = BlobPath(descriptor.Digest);
        if (!File.Exists(path)) throw NotFound(descriptor.Digest.ToString());
        await using var file = OpenRead(path);
        if (file.Length != descriptor.Size) return null;
        var tail = new byte[(int)Math.Min(Math.Max(0, length), file.Length)];
        file.Position = file.Length - tail.Length;
        await file.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        return tail;
    }

    public async Task FetchBlobToFileAsync(Descriptor descriptor, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".part-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 128 * 1024, FileOptions.Asynchronous))
            {
                await FetchBlobAsync(descriptor, file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async Task<BlobPushResult> PushBlobAsync(Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(content);
        var path = BlobPath(descriptor.Digest);
        if (File.Exists(path)) return BlobPushResult.AlreadyExists;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 128 * 1024, FileOptions.Asynchronous))
            await using (var verifying = new VerifyingStream(content, descriptor.Digest, descriptor.Size, leaveOpen: true))
            {
                await verifying.CopyToAsync(file, 128 * 1024, cancellationToken).ConfigureAwait(false);
            }

            // Same digest, same bytes: if a concurrent writer got there first, either copy is right.
            File.Move(temp, path, overwrite: true);
        }
        catch (OciException e)
        {
            e.Repository ??= Root;
            e.Reference ??= descriptor.Digest.ToString();
            throw;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }

        await EnsureLayoutAsync(cancellationToken).ConfigureAwait(false);
        return BlobPushResult.Uploaded;
    }

    private static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 128 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>No layout here at all: like a registry's missing repository (<c>NAME_UNKNOWN</c>), not a missing tag.</summary>
    private OciNotFoundException NotALayout()
    {
        var message = Directory.Exists(Root)
            ? $"{Name} is not an OCI image layout (the folder has no {IndexFile})"
            : $"{Name} does not exist (no such folder)";
        return new OciNotFoundException(message) { Repository = Root, ErrorCodes = ["NAME_UNKNOWN"] };
    }

    private OciNotFoundException NotFound(string reference)
        => new($"{reference} was not found in {Name}; check the tag or digest") { Repository = Root, Reference = reference };

    // Entries of index.json carry the ref-name annotation; a resolved descriptor is the content's own.
    private static Descriptor Strip(Descriptor d)
    {
        if (d.Annotations is null || !d.Annotations.ContainsKey(MediaTypes.Annotations.RefName)) return d;
        var rest = d.Annotations.Where(p => p.Key != MediaTypes.Annotations.RefName).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return d with { Annotations = rest.Count == 0 ? null : rest };
    }

    private async Task<OciIndex?> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, IndexFile);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return OciJsonReader.ParseIndex(bytes);
        }
        catch (OciProtocolException e)
        {
            throw new OciProtocolException($"{path} is not a valid OCI image index: {e.Message}", e) { Repository = Root };
        }
    }

    private async Task EnsureLayoutAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(Root, LayoutFile)) || !File.Exists(Path.Combine(Root, IndexFile)))
            await UpdateIndexAsync(_ => { }, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateIndexAsync(Action<List<Descriptor>> change, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        await using var held = await LockLayoutAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadIndexAsync(cancellationToken).ConfigureAwait(false);
        var list = current?.Manifests.ToList() ?? new List<Descriptor>();
        change(list);
        var index = new OciIndex { MediaType = MediaTypes.ImageIndex, Manifests = list, Annotations = current?.Annotations };
        await WriteAtomicAsync(Path.Combine(Root, IndexFile), OciJsonWriter.Serialize(index), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An exclusive OS lock (works across processes) on the <c>oci-layout</c> file, which every layout has and which is
    /// never replaced: locking it leaves no lock file behind, and deleting a lock file is never safe while others wait on it.
    /// The holder writes the file's content when it is new (or left empty by a crash).
    /// </summary>
    private async Task<FileStream> LockLayoutAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, LayoutFile);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            FileStream held;
            try
            {
                held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Random.Shared.Next(5, 25), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (held.Length == 0)
            {
                await held.WriteAsync(LayoutContent, cancellationToken).ConfigureAwait(false);
                await held.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            return held;
        }
    }

    private static async Task WriteAtomicAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
