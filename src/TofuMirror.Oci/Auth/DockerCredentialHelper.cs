using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Reads credentials from a Docker credential helper: runs <c>docker-credential-NAME get</c> with
/// <c>https://host[:port]</c> on stdin and parses <c>{"Username","Secret"}</c> from stdout.
/// "credentials not found in native keychain" means anonymous; a <c>&lt;token&gt;</c> username
/// means the secret is a refresh (identity) token. Read-only: never calls <c>store</c> or <c>erase</c>.
/// </summary>
public sealed class DockerCredentialHelper : ICredentialProvider
{
    private const string NotFoundText = "credentials not found in native keychain";
    private readonly string? _executablePath;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;

    /// <param name="name">The helper name, e.g. <c>desktop</c> for <c>docker-credential-desktop</c>; checked when credentials are first asked for (a bad name is an <see cref="OciException"/> then).</param>
    /// <param name="executablePath">Run this file instead of looking <c>docker-credential-NAME</c> up in the absolute entries of PATH.</param>
    /// <param name="logger">Where to log (never secrets).</param>
    /// <param name="timeout">How long the helper may take; 60 s by default.</param>
    public DockerCredentialHelper(string name, string? executablePath = null, ILogger? logger = null, TimeSpan? timeout = null)
    {
        Name = name ?? string.Empty;
        _executablePath = executablePath;
        _logger = logger ?? NullLogger.Instance;
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>The helper name.</summary>
    public string Name { get; }

    /// <summary>OpenTofu's rule: non-empty and no <c>/</c> (backslashes count as slashes on Windows).</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var normalized = OperatingSystem.IsWindows() ? name.Replace('\\', '/') : name;
        return !normalized.Contains('/');
    }

    public async Task<OciCredential> GetCredentialAsync(string registry, string repository, CancellationToken cancellationToken)
    {
        var serverUrl = "https://" + registry;
        var executable = Locate(registry, repository);
        var start = new ProcessStartInfo(executable, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new OciException($"could not run Docker credential helper \"{Name}\" ({executable}) for {registry}: {e.Message}; install it or fix the credential configuration", e)
            {
                Registry = registry,
                Repository = repository,
            };
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await process.StandardInput.WriteAsync(serverUrl).ConfigureAwait(false);
            process.StandardInput.Close();
            var stdoutTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            return Interpret(process.ExitCode, stdout, stderr, registry, repository);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            if (cancellationToken.IsCancellationRequested) throw;
            throw new OciException($"Docker credential helper \"{Name}\" did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for {registry}")
            {
                Registry = registry,
                Repository = repository,
            };
        }
    }

    /// <summary>The full path of the helper to run; throws when the name is bad or no such program is on PATH.</summary>
    private string Locate(string registry, string repository)
    {
        if (!IsValidName(Name))
        {
            throw new OciException($"invalid Docker credential helper name \"{Name}\" configured for {registry}: a credential helper name must be non-empty and contain no '/'; fix credsStore, credHelpers or docker_credentials_helper")
            {
                Registry = registry,
                Repository = repository,
            };
        }

        if (_executablePath is not null) return _executablePath;
        var program = "docker-credential-" + Name;
        return ExecutableSearch.FindOnPath(program, Environment.GetEnvironmentVariable("PATH"))
            ?? throw new OciException($"could not run Docker credential helper \"{Name}\" for {registry}: no executable {program} in the absolute directories of PATH (relative entries such as \".\" and the working directory are not searched); install it or fix the credential configuration")
            {
                Registry = registry,
                Repository = repository,
            };
    }

    private OciCredential Interpret(int exitCode, string stdout, string stderr, string registry, string repository)
    {
        if (exitCode != 0)
        {
            if (stdout.Contains(NotFoundText, StringComparison.Ordinal) || stderr.Contains(NotFoundText, StringComparison.Ordinal))
            {
                _logger.LogDebug("credential helper {Helper} has no credentials for {Registry}", Name, registry);
                return OciCredential.None;
            }

            // The helper's own words, shortened; helpers do not print secrets on failure.
            var said = FirstLine(string.IsNullOrWhiteSpace(stderr) ? stdout : stderr);
            throw new OciException($"Docker credential helper \"{Name}\" failed for {registry} (exit code {exitCode}): {said}")
            {
                Registry = registry,
                Repository = repository,
            };
        }

        string? username;
        string? secret;
        try
        {
            using var doc = JsonDocument.Parse(stdout);
            username = doc.RootElement.TryGetProperty("Username", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            secret = doc.RootElement.TryGetProperty("Secret", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (JsonException)
        {
            throw new OciException($"Docker credential helper \"{Name}\" returned output that is not the expected JSON for {registry}")
            {
                Registry = registry,
                Repository = repository,
            };
        }

        if (string.IsNullOrEmpty(secret) && string.IsNullOrEmpty(username)) return OciCredential.None;
        if (username == "<token>") return OciCredential.Tokens(null, secret);
        if (string.IsNullOrEmpty(username)) return OciCredential.None;
        return OciCredential.Basic(username ?? string.Empty, secret ?? string.Empty);
    }

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 200 ? line.Substring(0, 200) + "…" : line;
    }
}
