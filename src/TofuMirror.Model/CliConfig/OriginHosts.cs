using System;
using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>A <c>host "HOST" { services = { … } }</c> block: the services of that host, replacing service discovery.</summary>
public sealed record OriginHostBlock(string Host, IReadOnlyDictionary<string, string> Services, SourceRange Range);

/// <summary>A <c>credentials "HOST" { token = "…" }</c> block (its text never shows the token).</summary>
public sealed record OriginCredentialsBlock(string Host, string? Token, SourceRange Range)
{
    public override string ToString() => $"credentials \"{Host}\" at {Range}";
}

/// <summary>Where a host's token came from, for messages that must not print the token itself.</summary>
public sealed record OriginToken(string Token, string Source);

/// <summary>
/// The <c>host</c>, <c>credentials</c> and <c>credentials_helper</c> parts of the CLI configuration, keyed by
/// normalised host name (<see cref="ServiceHostName"/>); later files override earlier ones, as OpenTofu merges them.
/// </summary>
public sealed class OriginHostSettings
{
    public static readonly OriginHostSettings Empty = new(new Dictionary<string, OriginHostBlock>(), new Dictionary<string, OriginCredentialsBlock>(), null);

    internal OriginHostSettings(IReadOnlyDictionary<string, OriginHostBlock> hosts,
        IReadOnlyDictionary<string, OriginCredentialsBlock> credentials, SourceRange? credentialsHelper)
    {
        Hosts = hosts;
        Credentials = credentials;
        CredentialsHelper = credentialsHelper;
    }

    /// <summary><c>host</c> blocks by normalised host name.</summary>
    public IReadOnlyDictionary<string, OriginHostBlock> Hosts { get; }

    /// <summary><c>credentials</c> blocks by normalised host name.</summary>
    public IReadOnlyDictionary<string, OriginCredentialsBlock> Credentials { get; }

    /// <summary>Where a <c>credentials_helper</c> block is (recognised, never run), or null.</summary>
    public SourceRange? CredentialsHelper { get; }

    /// <summary>The <c>host</c> block for <paramref name="host"/>, or null (then service discovery applies).</summary>
    public OriginHostBlock? HostBlockFor(string host) =>
        ServiceHostName.TryNormalize(host, out var normalized, out _) && Hosts.TryGetValue(normalized, out var block) ? block : null;

    /// <summary>
    /// The token for <paramref name="host"/> in OpenTofu's order: a <c>TF_TOKEN_…</c> variable first, then a
    /// <c>credentials</c> block; null when there is none.
    /// </summary>
    public OriginToken? TokenFor(string host, CliConfigEnvironment environment)
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        if (!ServiceHostName.TryNormalize(host, out var normalized, out _)) return null;
        foreach (var name in ServiceHostName.TokenVariableNames(normalized))
        {
            if (environment.Variable(name) is { } fromVariable) return new OriginToken(fromVariable, $"environment variable {name}");
        }
        return Credentials.TryGetValue(normalized, out var block) && !string.IsNullOrEmpty(block.Token)
            ? new OriginToken(block.Token!, $"credentials \"{block.Host}\" block at {block.Range}")
            : null;
    }
}
