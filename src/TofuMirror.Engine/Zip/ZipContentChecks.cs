namespace TofuMirror.Engine.Zip;

/// <summary>What an extractor checks of the files' contents (names, sizes and records are always checked).</summary>
public enum ZipContentChecks
{
    /// <summary>Hash every file for <c>h1:</c> and check its CRC-32: for a zip nothing else vouches for.</summary>
    HashAndCrc,

    /// <summary>
    /// Neither: the caller has matched the zip's bytes against a <c>zh:</c> the lock file records, which proves every
    /// byte the files come from (a second SHA-256 over the inflated data would add nothing but time).
    /// </summary>
    None,
}
