using System;

namespace TofuMirror.Engine.Origin;

/// <summary>An origin failed or answered something unusable; the message names provider, version, platform and URL as known.</summary>
public sealed class OriginException : Exception
{
    public OriginException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>The TOFU diagnostic code this failure is reported with.</summary>
    public string Code { get; }
}
