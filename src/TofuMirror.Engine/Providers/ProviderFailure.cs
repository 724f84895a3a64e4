using System;

namespace TofuMirror.Engine.Providers;

/// <summary>
/// A provider could not be resolved, fetched or installed. <see cref="Code"/> is one of
/// <see cref="TofuMirror.Model.Diagnostics.DiagnosticCodes"/>, so the CLI and the MSBuild tasks report it the same way.
/// </summary>
public sealed class ProviderFailure : Exception
{
    public ProviderFailure(string code, string message, Exception? innerException = null) : base(message, innerException) => Code = code;

    public string Code { get; }

    /// <summary>True when another installation method may still serve the provider (OpenTofu falls through on these).</summary>
    public bool AllowsFallThrough { get; init; }
}
