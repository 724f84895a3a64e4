using System;
using System.Threading;
using System.Threading.Tasks;
using TofuMirror.Oci.Transport;

namespace TofuMirror.Oci.Auth;

/// <summary>What a challenge handler knows about the request it answers for.</summary>
/// <param name="Request">Registry, repository and scopes of the request.</param>
/// <param name="GetCredentialAsync">The credentials configured for the repository (looked up once, on first need).</param>
public sealed record ChallengeContext(
    OciRequestContext Request,
    Func<CancellationToken, Task<OciCredential>> GetCredentialAsync);
