using System;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Oci.Auth;

/// <summary><c>Basic</c>: the registry's username and password on every request.</summary>
public sealed class BasicChallengeHandler : IAuthChallengeHandler
{
    public string Scheme => "Basic";

    public Task<AuthenticationHeaderValue?> ReuseAsync(ChallengeContext context, AuthChallenge known, CancellationToken cancellationToken)
        => HeaderAsync(context, cancellationToken);

    public Task<AuthenticationHeaderValue?> AnswerAsync(ChallengeContext context, AuthChallenge challenge, AuthenticationHeaderValue? refused, CancellationToken cancellationToken)
        => HeaderAsync(context, cancellationToken);

    private static async Task<AuthenticationHeaderValue?> HeaderAsync(ChallengeContext context, CancellationToken cancellationToken)
    {
        var credential = await context.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        return credential.Kind == OciCredentialKind.UsernamePassword ? Header(credential) : null;
    }

    /// <summary><c>Basic base64(username:password)</c>.</summary>
    internal static AuthenticationHeaderValue Header(OciCredential credential)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.Username + ":" + credential.Password)));
}
