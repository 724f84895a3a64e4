using System;
using TofuMirror.Oci;
using TofuMirror.Model.Diagnostics;

namespace TofuMirror.Engine.Restore;

/// <summary>Maps OCI client failures to the project's diagnostic codes.</summary>
public static class OciFailures
{
    public static string CodeOf(Exception exception) => exception switch
    {
        OciNotFoundException => DiagnosticCodes.ProviderNotInMirror,
        OciUnauthorizedException => DiagnosticCodes.RegistryUnauthorized,
        OciDigestMismatchException => DiagnosticCodes.DigestMismatch,
        OciSizeLimitException => DiagnosticCodes.InvalidProviderArtifact,
        OciProtocolException => DiagnosticCodes.InvalidProviderArtifact,
        OciException => DiagnosticCodes.RegistryUnavailable,
        _ => DiagnosticCodes.FileNotReadable,
    };
}
