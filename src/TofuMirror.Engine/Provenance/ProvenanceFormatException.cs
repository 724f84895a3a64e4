using System;

namespace TofuMirror.Engine.Provenance;

/// <summary>An evidence artifact breaks the format of docs/provenance.md (TOFU0220); nothing of it is used.</summary>
public sealed class ProvenanceFormatException : Exception
{
    public ProvenanceFormatException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
