using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Auth;

/// <summary>
/// Answers the <c>WWW-Authenticate</c> challenges of one scheme (Basic, Bearer) for the
/// <see cref="AuthHandler"/>. Handlers never see requests that leave the registry's origin.
/// </summary>
public interface IAuthChallengeHandler
{
    /// <summary>The scheme handled, e.g. <c>Bearer</c> (compared case-insensitively).</summary>
    string Scheme { get; }

    /// <summary>
    /// The <c>Authorization</c> to send up front to a registry whose last challenge was <paramref name="known"/>
    /// (from what is cached); null to send the request without one.
    /// </summary>
    Task<AuthenticationHeaderValue?> ReuseAsync(ChallengeContext context, AuthChallenge known, CancellationToken cancellationToken);

    /// <summary>
    /// The <c>Authorization</c> answering <paramref name="challenge"/>; <paramref name="refused"/> is what the
    /// registry just turned down, if anything. Null when this handler cannot answer (the 401 then stands).
    /// </summary>
    Task<AuthenticationHeaderValue?> AnswerAsync(ChallengeContext context, AuthChallenge challenge, AuthenticationHeaderValue? refused, CancellationToken cancellationToken);
}
