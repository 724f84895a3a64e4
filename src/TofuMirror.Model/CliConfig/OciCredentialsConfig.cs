using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.CliConfig;

/// <summary>An <c>oci_default_credentials</c> block (oci-auth.md §1).</summary>
public sealed class OciDefaultCredentials
{
    internal OciDefaultCredentials(bool discoverAmbientCredentials, IReadOnlyList<string>? dockerStyleConfigFiles,
        string? dockerCredentialsHelper, SourceRange range)
    {
        DiscoverAmbientCredentials = discoverAmbientCredentials;
        DockerStyleConfigFiles = dockerStyleConfigFiles;
        DockerCredentialsHelper = dockerCredentialsHelper;
        Range = range;
    }

    /// <summary><c>discover_ambient_credentials</c> (default true).</summary>
    public bool DiscoverAmbientCredentials { get; }

    /// <summary>
    /// <c>docker_style_config_files</c> made absolute (relative paths resolved against the directory of the file
    /// that holds the block); null = default search, empty = search nothing.
    /// </summary>
    public IReadOnlyList<string>? DockerStyleConfigFiles { get; }

    /// <summary><c>docker_credentials_helper</c>, or null.</summary>
    public string? DockerCredentialsHelper { get; }

    /// <summary>Where the block is.</summary>
    public SourceRange Range { get; }
}

/// <summary>An <c>oci_credentials "&lt;registry&gt;[/&lt;path&gt;]"</c> block with exactly one credentials group.</summary>
public sealed class OciCredentialsBlock
{
    internal OciCredentialsBlock(string repositoryPrefix, string registry, string repositoryPath, string? username,
        string? password, string? accessToken, string? refreshToken, string? dockerCredentialsHelper, SourceRange range)
    {
        RepositoryPrefix = repositoryPrefix;
        Registry = registry;
        RepositoryPath = repositoryPath;
        Username = username;
        Password = password;
        AccessToken = accessToken;
        RefreshToken = refreshToken;
        DockerCredentialsHelper = dockerCredentialsHelper;
        Range = range;
    }

    /// <summary>The label as written.</summary>
    public string RepositoryPrefix { get; }

    /// <summary>The registry part of the label.</summary>
    public string Registry { get; }

    /// <summary>The repository path part of the label (empty for a whole registry).</summary>
    public string RepositoryPath { get; }

    /// <summary>Static username (with <see cref="Password"/>).</summary>
    public string? Username { get; }

    /// <summary>Static password.</summary>
    public string? Password { get; }

    /// <summary>OAuth access token (with <see cref="RefreshToken"/>).</summary>
    public string? AccessToken { get; }

    /// <summary>OAuth refresh token.</summary>
    public string? RefreshToken { get; }

    /// <summary>Credential helper name.</summary>
    public string? DockerCredentialsHelper { get; }

    /// <summary>Where the block is.</summary>
    public SourceRange Range { get; }

    /// <summary>Never prints secrets.</summary>
    public override string ToString() => $"oci_credentials \"{RepositoryPrefix}\"";
}
