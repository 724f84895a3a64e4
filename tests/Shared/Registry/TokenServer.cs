using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TofuMirror.Testing.Registry;

/// <summary>
/// A Docker token service on loopback: issues RS256 JWTs that CNCF distribution's <c>auth: token</c>
/// accepts (header with <c>x5c</c> holding a self-signed certificate listed in the registry's
/// <c>rootcertbundle</c>; claims iss/aud/exp/nbf/access). GET with Basic credentials or a POST
/// refresh-token grant; anonymous GETs get pull access only.
/// </summary>
internal sealed class TokenServer : IAsyncDisposable
{
    public const string Issuer = "tofumirror-test-issuer";
    public const string Service = "tofumirror-test-registry";
    public const string Username = "alice";
    public const string Password = "correct horse";
    public const string RefreshToken = "refresh-token-ok";

    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private LoopbackServer? _server;

    private TokenServer()
    {
        var request = new CertificateRequest("CN=tofumirror test token signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public string Realm => $"http://{_server!.Host}/token";

    /// <summary>Every token request: method, scopes, and whether credentials came with it.</summary>
    public ConcurrentQueue<(string Method, string[] Scopes, string? Who, string? ClientId)> Requests { get; } = new();

    public static async Task<TokenServer> StartAsync()
    {
        var server = new TokenServer();
        server._server = await LoopbackServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Writes the root certificate bundle and returns the registry's <c>auth:</c> YAML.</summary>
    public string AuthYaml(string folder)
    {
        var bundle = Path.Combine(folder, "token-root.pem");
        File.WriteAllText(bundle, _certificate.ExportCertificatePem());
        return $"  token:\n    realm: {Realm}\n    service: {Service}\n    issuer: {Issuer}\n    rootcertbundle: {bundle}\n";
    }

    private async Task HandleAsync(HttpContext context)
    {
        string[] scopes;
        string? who = null;
        string? clientId = null;
        if (context.Request.Method == "POST")
        {
            var form = await context.Request.ReadFormAsync();
            clientId = form["client_id"].ToString();
            if (form["grant_type"] != "refresh_token" || form["refresh_token"] != RefreshToken)
            {
                context.Response.StatusCode = 401;
                return;
            }

            who = "refresh";
            scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            scopes = context.Request.Query["scope"].Select(s => s!).ToArray();
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Basic ", StringComparison.Ordinal))
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
                if (pair != Username + ":" + Password)
                {
                    context.Response.StatusCode = 401;
                    return;
                }

                who = Username;
            }
        }

        Requests.Enqueue((context.Request.Method, scopes, who, clientId));
        var access = scopes.Select(s => s.Split(':')).Where(p => p.Length == 3).Select(p => new
        {
            type = p[0],
            name = p[1],
            actions = who is null ? p[2].Split(',').Where(a => a == "pull").ToArray() : p[2].Split(','),
        }).ToArray();
        var token = Sign(access);
        context.Response.ContentType = "application/json";
        // Like Docker Hub, answer both fields; the client prefers access_token.
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { token, access_token = token, expires_in = 300 }));
    }

    private string Sign(object access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = "tester",
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = B64(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + B64(signature);
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _certificate.Dispose();
        _key.Dispose();
    }
}
