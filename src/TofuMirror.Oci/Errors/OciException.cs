using System;
using System.Collections.Generic;
using System.Net;

namespace TofuMirror.Oci;

/// <summary>
/// Base of every failure the OCI client reports. It carries where the failure happened
/// (registry, repository, reference), the HTTP status and the OCI error codes of the body,
/// so callers can turn it into a precise message. Messages never contain secrets.
/// </summary>
public class OciException : Exception
{
    public OciException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Registry host[:port], when known.</summary>
    public string? Registry { get; internal set; }

    /// <summary>Repository name, when known.</summary>
    public string? Repository { get; internal set; }

    /// <summary>Tag or digest the operation was about, when there was one.</summary>
    public string? Reference { get; internal set; }

    /// <summary>HTTP status of the response that failed, when there was a response.</summary>
    public HttpStatusCode? StatusCode { get; internal set; }

    /// <summary>The <c>code</c> values of the OCI error body (e.g. <c>NAME_UNKNOWN</c>).</summary>
    public IReadOnlyList<string> ErrorCodes { get; internal set; } = Array.Empty<string>();

    /// <summary>Fills in where the failure happened, keeping what is already known.</summary>
    internal OciException At(string registry, string repository, string? reference, HttpStatusCode? status = null)
    {
        Registry ??= registry;
        Repository ??= repository;
        Reference ??= reference;
        StatusCode ??= status;
        return this;
    }

    /// <summary>True when the error body carries <paramref name="code"/>.</summary>
    public bool HasErrorCode(string code)
    {
        foreach (var c in ErrorCodes)
        {
            if (string.Equals(c, code, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}

/// <summary>The repository, tag, manifest or blob does not exist (404, <c>NAME_UNKNOWN</c>, <c>MANIFEST_UNKNOWN</c>, <c>BLOB_UNKNOWN</c>).</summary>
public sealed class OciNotFoundException : OciException
{
    public OciNotFoundException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The registry refused the credentials, or needs some (401/403, <c>UNAUTHORIZED</c>, <c>DENIED</c>), or a token could not be obtained.</summary>
public sealed class OciUnauthorizedException : OciException
{
    public OciUnauthorizedException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>Content did not hash to the digest it was fetched or pushed by.</summary>
public sealed class OciDigestMismatchException : OciException
{
    public OciDigestMismatchException(string message, string expected, string? actual)
        : base(message)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The digest the content should have had.</summary>
    public string Expected { get; }

    /// <summary>The digest the content actually had, when it was computed.</summary>
    public string? Actual { get; }
}

/// <summary>Content is larger than allowed (manifest size limit) or than its descriptor says, or shorter than its descriptor says.</summary>
public sealed class OciSizeLimitException : OciException
{
    public OciSizeLimitException(string message) : base(message)
    {
    }
}

/// <summary>The registry answered something the protocol does not allow (unexpected status, malformed JSON, missing headers).</summary>
public sealed class OciProtocolException : OciException
{
    public OciProtocolException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>The registry could not be reached or kept failing (connection errors, 5xx, 429) after the retries.</summary>
public sealed class OciUnavailableException : OciException
{
    public OciUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}

/// <summary>A request was refused locally because it would be insecure (plain HTTP to a remote host, token realm over HTTP).</summary>
public sealed class OciInsecureTransportException : OciException
{
    public OciInsecureTransportException(string message) : base(message)
    {
    }
}

/// <summary>A TLS connection was refused: the server's certificate is not trusted or names another host.</summary>
public sealed class OciTlsException : OciException
{
    public OciTlsException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
