namespace TofuMirror.Model.Diagnostics;

/// <summary>Which input a problem was found in; the source generator's codes depend on it (a syntax error is TOFU1001 in the lock file, TOFU1006 in a <c>.tf</c> file).</summary>
public enum DiagnosticOrigin
{
    /// <summary>The dependency lock file, <c>.terraform.lock.hcl</c>.</summary>
    LockFile,

    /// <summary>The module's configuration files (<c>.tf</c>, <c>.tf.json</c>).</summary>
    Configuration,

    /// <summary>The lock file checked against the configuration (both read without errors).</summary>
    LockAgainstConfiguration,

    /// <summary>The lock file's hashes checked against the packages restored for the target platforms.</summary>
    RestoredPackages,
}
