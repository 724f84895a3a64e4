using System;

namespace TofuMirror.Oci.Auth;

/// <summary>Which kind of secret an <see cref="OciCredential"/> holds.</summary>
public enum OciCredentialKind
{
    /// <summary>Anonymous access.</summary>
    None,

    /// <summary>Username and password (Basic, or Basic to the token realm).</summary>
    UsernamePassword,

    /// <summary>OAuth-style: an access token sent as Bearer and/or a refresh token used to mint tokens.</summary>
    Tokens,
}

/// <summary>Credentials for one registry. <see cref="ToString"/> never shows the secrets.</summary>
public sealed class OciCredential : IEquatable<OciCredential>
{
    private OciCredential(OciCredentialKind kind, string? username, string? password, string? accessToken, string? refreshToken)
    {
        Kind = kind;
        Username = username;
        Password = password;
        AccessToken = accessToken;
        RefreshToken = refreshToken;
    }

    /// <summary>Anonymous access.</summary>
    public static OciCredential None { get; } = new(OciCredentialKind.None, null, null, null, null);

    public OciCredentialKind Kind { get; }

    public string? Username { get; }

    public string? Password { get; }

    public string? AccessToken { get; }

    public string? RefreshToken { get; }

    public bool IsNone => Kind == OciCredentialKind.None;

    /// <summary>Username and password.</summary>
    public static OciCredential Basic(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        return new OciCredential(OciCredentialKind.UsernamePassword, username, password, null, null);
    }

    /// <summary>An access token and/or a refresh token (at least one).</summary>
    public static OciCredential Tokens(string? accessToken, string? refreshToken)
    {
        if (string.IsNullOrEmpty(accessToken) && string.IsNullOrEmpty(refreshToken))
            throw new ArgumentException("An access token or a refresh token is required.");
        return new OciCredential(OciCredentialKind.Tokens, null, null,
            string.IsNullOrEmpty(accessToken) ? null : accessToken,
            string.IsNullOrEmpty(refreshToken) ? null : refreshToken);
    }

    public bool Equals(OciCredential? other) => other is not null && Kind == other.Kind
        && Username == other.Username && Password == other.Password
        && AccessToken == other.AccessToken && RefreshToken == other.RefreshToken;

    public override bool Equals(object? obj) => Equals(obj as OciCredential);

    public override int GetHashCode() => HashCode.Combine(Kind, Username);

    /// <summary>The kind and the username only; secrets are never shown.</summary>
    public override string ToString() => Kind switch
    {
        OciCredentialKind.None => "anonymous",
        OciCredentialKind.UsernamePassword => $"username {Username} with password (hidden)",
        _ => "OAuth tokens (hidden)",
    };
}
