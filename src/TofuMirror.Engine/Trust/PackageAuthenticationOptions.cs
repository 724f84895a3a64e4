using System;

namespace TofuMirror.Engine.Trust;

/// <summary>
/// OpenTofu's two switches for signature checks: <see cref="EnforceGpgValidation"/> makes a missing key list an error
/// also for <c>registry.opentofu.org</c>; <see cref="EnforceGpgExpiration"/> makes an expired signing key an error.
/// </summary>
public sealed record PackageAuthenticationOptions(bool EnforceGpgValidation = false, bool EnforceGpgExpiration = false)
{
    /// <summary>The environment variables OpenTofu reads (a switch is on only when set to exactly <c>true</c>).</summary>
    public const string EnforceGpgValidationVariable = "OPENTOFU_ENFORCE_GPG_VALIDATION";

    /// <inheritdoc cref="EnforceGpgValidationVariable"/>
    public const string EnforceGpgExpirationVariable = "OPENTOFU_ENFORCE_GPG_EXPIRATION";

    /// <summary>The switches as OpenTofu would set them from <paramref name="getVariable"/> (the environment when null).</summary>
    public static PackageAuthenticationOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        return new(getVariable(EnforceGpgValidationVariable) == "true", getVariable(EnforceGpgExpirationVariable) == "true");
    }
}
