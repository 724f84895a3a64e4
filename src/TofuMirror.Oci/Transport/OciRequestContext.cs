using System;
using System.Collections.Generic;
using System.Net.Http;

namespace TofuMirror.Oci.Transport;

/// <summary>
/// What the auth handler needs to know about a request: which registry and repository it is
/// for (to pick credentials) and which token scopes it needs. Attached to the request's options.
/// </summary>
public sealed record OciRequestContext(string Registry, string Repository, IReadOnlyList<string> Scopes)
{
    private static readonly HttpRequestOptionsKey<OciRequestContext> Key = new("TofuMirror.Oci.RequestContext");

    /// <summary>Attaches this context to <paramref name="request"/>.</summary>
    public void AttachTo(HttpRequestMessage request) => request.Options.Set(Key, this);

    /// <summary>The context attached to <paramref name="request"/>, if any.</summary>
    public static OciRequestContext? Of(HttpRequestMessage request)
        => request.Options.TryGetValue(Key, out var value) ? value : null;

    /// <summary>A context for pulling from <paramref name="repository"/>.</summary>
    public static OciRequestContext Pull(string registry, string repository)
        => new(registry, repository, new[] { $"repository:{repository}:pull" });

    /// <summary>A context for pushing to <paramref name="repository"/>, optionally mounting from <paramref name="mountFrom"/>.</summary>
    public static OciRequestContext Push(string registry, string repository, string? mountFrom = null)
        => new(registry, repository, mountFrom is null
            ? new[] { $"repository:{repository}:pull,push" }
            : new[] { $"repository:{repository}:pull,push", $"repository:{mountFrom}:pull" });

    public override string ToString() => $"{Registry}/{Repository} [{string.Join(" ", Scopes)}]";

    internal static readonly IReadOnlyList<string> NoScopes = Array.Empty<string>();
}
