using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Engine.Progress;
using TofuMirror.Engine.Providers;
using TofuMirror.Engine.Zip;
using TofuMirror.Oci;
using TofuMirror.Model.Hashing;

namespace TofuMirror.Engine.Restore;

/// <summary>
/// Downloads a provider blob into the cache and, on another thread, extracts it into a staging folder as the bytes
/// arrive (<see cref="StreamingZipExtractor"/>; for a zip with data descriptors, with its central directory fetched
/// first by a ranged request for the blob's end). The download verifies size and digest as always (and resumes a
/// broken connection); the blob enters the cache only once verified. What the extraction produced is only
/// trustworthy after this returns, and the staging folder stays private until the caller has checked the lock.
/// </summary>
internal static class ExtractWhileDownloading
{
    /// <summary>Chunks (of the download's 256 KiB) in flight between the download and the extractor.</summary>
    private const int PipeCapacity = 8;

    /// <summary>How long the central directory read first may take (one small ranged request) before the zip takes the slow path.</summary>
    private static readonly TimeSpan DirectoryFirstTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Returns once the blob is verified and in the cache at <paramref name="cachePath"/>; throws what the download threw.</summary>
    public static async Task<StreamedExtraction> RunAsync(ProviderPackageLocation location, string cachePath, string stagingDirectory,
        ZipContentChecks checks, PackageTransfer? transfer, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cachePath)!);
        var part = cachePath + ".part-" + Guid.NewGuid().ToString("N");
        // Not pre-allocated: the descriptor's size is only a claim until the bytes arrive.
        var file = BlobCache.OpenPartFile(part);
        var pipe = new BlobPipe(PipeCapacity);
        using var refused = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var extraction = Task.Factory.StartNew(() => Extract(pipe, location, stagingDirectory, checks, refused), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Stream sink = new CachingExtractingSink(file, pipe);
            await location.Store.FetchBlobAsync(location.Layer, transfer?.CountingWrites(sink) ?? sink, refused.Token).ConfigureAwait(false);
            file.Flush();
            pipe.CompleteWriting(null);
            var outcome = await extraction.ConfigureAwait(false);
            File.Move(part, cachePath, overwrite: true);
            if (outcome.NotStreamed is null)
            {
                file.Dispose();
                return outcome;
            }
            // Extracted again from the very file the download wrote and verified, not from a reopened cache path.
            file.Position = 0;
            return outcome with { Zip = file };
        }
        catch (Exception e)
        {
            file.Dispose();
            pipe.CompleteWriting(e);
            var outcome = await extraction.ConfigureAwait(false); // never throws; waits so nothing writes into staging after we return
            // A zip over the extraction limits stopped the download, so its digest was never settled: the limit is the reason.
            if (outcome.Refusal is ZipLimitExceededException && !cancellationToken.IsCancellationRequested) return outcome;
            throw;
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
    }

    private static StreamedExtraction Extract(BlobPipe pipe, ProviderPackageLocation location, string stagingDirectory, ZipContentChecks checks,
        CancellationTokenSource stopDownload)
    {
        try
        {
            var h1 = StreamingZipExtractor.Extract(pipe.Reader, location.Layer.Size, stagingDirectory,
                () => ReadDirectoryFirst(location, stopDownload.Token), checks);
            return new StreamedExtraction(h1, null, null);
        }
        catch (ZipLimitExceededException e)
        {
            // The rest of a zip that asks for more than any package needs is not worth downloading (nor the time).
            stopDownload.Cancel();
            return new StreamedExtraction(null, e, null);
        }
        catch (Exception e) when (e is UnsafeZipEntryException or InconsistentZipException)
        {
            // The download goes on: when the digest fails too, that is the error reported (the bytes are not the blob's).
            return new StreamedExtraction(null, e, null);
        }
        catch (Exception e)
        {
            // A zip this extractor does not follow, a file-system error, or the download failing: the downloaded
            // file (if it verifies) goes through the seekable extractor instead, which reports its own errors.
            return new StreamedExtraction(null, null, e);
        }
        finally
        {
            pipe.CloseReading();
        }
    }

    /// <summary>
    /// The zip's central directory, from a ranged request for the blob's end while the download goes on (blocking this
    /// extractor thread only); null when the store serves no ranges or the end holds no directory this extractor reads.
    /// </summary>
    private static ZipDirectoryListing? ReadDirectoryFirst(ProviderPackageLocation location, CancellationToken cancellationToken)
    {
        // The download waits (its pipe is full) while this runs: should the request queue behind the downloads for a
        // connection, or for HTTP/2 flow control, giving up lets the download go on into the slow path.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DirectoryFirstTimeout);
        try
        {
            var tail = location.Store.FetchBlobTailAsync(location.Layer, ZipDirectoryListing.TailLength, timeout.Token).GetAwaiter().GetResult();
            if (tail is null) return null;
            if (ZipDirectoryListing.TryRead(tail, location.Layer.Size, out var needed) is { } listing) return listing;
            if (needed <= tail.Length) return null;
            tail = location.Store.FetchBlobTailAsync(location.Layer, needed, timeout.Token).GetAwaiter().GetResult();
            return tail is null ? null : ZipDirectoryListing.TryRead(tail, location.Layer.Size, out _);
        }
        catch (Exception e) when (e is OciException or IOException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}

/// <summary>
/// What extracting during the download gave: the staged files (with their <c>h1:</c> when they were hashed), a refusal,
/// or a reason to extract the file again, with the verified blob open in <see cref="Zip"/> (the caller disposes it).
/// </summary>
internal sealed record StreamedExtraction(PackageHash? H1, Exception? Refusal, Exception? NotStreamed)
{
    public FileStream? Zip { get; init; }
}
