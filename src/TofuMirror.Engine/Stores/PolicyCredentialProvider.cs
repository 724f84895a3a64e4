using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using TofuMirror.Model.CliConfig;
using TofuMirror.Oci;
using TofuMirror.Oci.Auth;

namespace TofuMirror.Engine.Stores;

/// <summary>
/// Credentials chosen as OpenTofu chooses them (<c>oci_credentials</c>, <c>oci_default_credentials</c>, Docker-style
/// auth files, credential helpers; see <see cref="OciCredentialsPolicy"/>), handed to the OCI client.
/// </summary>
public sealed class PolicyCredentialProvider : ICredentialProvider
{
    private readonly OciCredentialsPolicy _policy;
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<string, DockerCredentialHelper> _helpers = new();

    public PolicyCredentialProvider(OciCredentialsPolicy policy, ILogger? logger = null)
    {
        _policy = policy;
        _logger = logger;
    }

    public Task<OciCredential> GetCredentialAsync(string registry, string repository, CancellationToken cancellationToken)
    {
        var lookup = _policy.Find(registry, repository);
        if (lookup.Error is { } error)
            throw new OciUnauthorizedException($"finding credentials for \"{registry}\": {error}");
        return lookup.Source switch
        {
            null => Task.FromResult(OciCredential.None),
            OciBasicCredentials basic => Task.FromResult(OciCredential.Basic(basic.Username, basic.Password)),
            OciOAuthCredentials oauth => Task.FromResult(OciCredential.Tokens(oauth.AccessToken, oauth.RefreshToken)),
            OciCredentialHelper helper => _helpers.GetOrAdd(helper.HelperName, name => new DockerCredentialHelper(name, logger: _logger))
                .GetCredentialAsync(registry, repository, cancellationToken),
            var other => throw new OciUnauthorizedException($"unsupported credential source {other}"),
        };
    }
}
