using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Auth;

/// <summary>Looks up the credentials to use for a repository of a registry.</summary>
public interface ICredentialProvider
{
    /// <summary>
    /// Credentials for <paramref name="repository"/> on <paramref name="registry"/> (<c>host[:port]</c>);
    /// <see cref="OciCredential.None"/> for anonymous access. Throws <see cref="OciException"/> when a
    /// configured source fails.
    /// </summary>
    Task<OciCredential> GetCredentialAsync(string registry, string repository, CancellationToken cancellationToken);
}
