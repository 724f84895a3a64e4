namespace TofuMirror.Model.CliConfig;

/// <summary>
/// How specifically a credentials source matches a repository: 0 none, 1 global, 2 registry domain,
/// 2 + k for a repository path prefix of k segments (oci-auth.md §3).
/// </summary>
public static class OciCredentialsSpecificity
{
    /// <summary>No match.</summary>
    public const int None = 0;
    /// <summary>Any registry (a global credential helper).</summary>
    public const int Global = 1;
    /// <summary>The whole registry domain.</summary>
    public const int Domain = 2;

    /// <summary>A repository prefix with <paramref name="segments"/> matched path segments.</summary>
    public static int Repository(int segments) => Domain + segments;

    /// <summary>
    /// How an auth key or <c>oci_credentials</c> label (<c>host</c>, <c>host:port</c>, <c>host/path</c>) matches a
    /// registry and repository: exact domain equality, then segment-wise path prefix. Unparseable keys never match.
    /// </summary>
    public static int Match(string key, string registry, string repository)
    {
        if (string.IsNullOrEmpty(key)) return None;
        string domain, path = "";
        if (key.IndexOf('/') >= 0)
        {
            if (!OciRepositoryAddress.TryParse(key, out var address, out _)) return None;
            domain = address.Registry;
            path = address.Repository;
        }
        else
        {
            domain = key;
        }
        if (domain != registry) return None;
        if (path.Length == 0) return Domain;
        var want = repository.Split('/');
        var got = path.Split('/');
        if (got.Length > want.Length) return None;
        for (var i = 0; i < got.Length; i++)
        {
            if (want[i] != got[i]) return None;
        }
        return Repository(got.Length);
    }
}

/// <summary>A selected credentials source. Secrets never appear in <see cref="object.ToString"/>.</summary>
public abstract class OciCredentialSource
{
    private protected OciCredentialSource(int specificity, string origin)
    {
        Specificity = specificity;
        Origin = origin;
    }

    /// <summary>How specifically it matched (see <see cref="OciCredentialsSpecificity"/>).</summary>
    public int Specificity { get; }

    /// <summary>Where it was configured, for messages (a file path or an <c>oci_credentials</c> block).</summary>
    public string Origin { get; }
}

/// <summary>Static username/password (Basic-style; also used for token requests).</summary>
public sealed class OciBasicCredentials : OciCredentialSource
{
    internal OciBasicCredentials(string username, string password, int specificity, string origin) : base(specificity, origin)
    {
        Username = username;
        Password = password;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password (secret).</summary>
    public string Password { get; }

    /// <inheritdoc />
    public override string ToString() => $"username/password for \"{Username}\" from {Origin}";
}

/// <summary>OAuth-style access and refresh tokens.</summary>
public sealed class OciOAuthCredentials : OciCredentialSource
{
    internal OciOAuthCredentials(string accessToken, string refreshToken, int specificity, string origin) : base(specificity, origin)
    {
        AccessToken = accessToken;
        RefreshToken = refreshToken;
    }

    /// <summary>The access token sent as Bearer (secret).</summary>
    public string AccessToken { get; }

    /// <summary>The refresh token used to mint tokens (secret).</summary>
    public string RefreshToken { get; }

    /// <inheritdoc />
    public override string ToString() => $"OAuth tokens from {Origin}";
}

/// <summary>A Docker credential helper (<c>docker-credential-&lt;name&gt;</c>) to run for <see cref="ServerUrl"/>.</summary>
public sealed class OciCredentialHelper : OciCredentialSource
{
    internal OciCredentialHelper(string helperName, string serverUrl, int specificity, string origin) : base(specificity, origin)
    {
        HelperName = helperName;
        ServerUrl = serverUrl;
    }

    /// <summary>The helper name (the executable is <c>docker-credential-</c> + name).</summary>
    public string HelperName { get; }

    /// <summary>The server URL to write to the helper: <c>https://registry</c>.</summary>
    public string ServerUrl { get; }

    /// <inheritdoc />
    public override string ToString() => $"credential helper \"{HelperName}\" from {Origin}";
}

/// <summary>The outcome of <see cref="OciCredentialsPolicy.Find"/>.</summary>
public sealed class OciCredentialsLookup
{
    internal OciCredentialsLookup(OciCredentialSource? source, string? error)
    {
        Source = source;
        Error = error;
    }

    /// <summary>The selected source, or null: anonymous access (when <see cref="Error"/> is null too).</summary>
    public OciCredentialSource? Source { get; }

    /// <summary>The lookup failure (<c>finding credentials for "host": …</c>), or null.</summary>
    public string? Error { get; }

    /// <summary>True when nothing matched and nothing failed.</summary>
    public bool IsAnonymous => Source is null && Error is null;
}
