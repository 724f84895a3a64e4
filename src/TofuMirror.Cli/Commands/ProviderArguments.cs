using System.Collections.Generic;
using TofuMirror.Model.Addresses;
using TofuMirror.Model.Versions;

namespace TofuMirror.Cli.Commands;

/// <summary><c>PROVIDER[@CONSTRAINTS]</c> arguments (mirror, copy): the address up to the first <c>@</c>, the constraints after it.</summary>
internal static class ProviderArguments
{
    /// <summary>Every argument parsed; each bad one is reported on stderr with how to write it, and makes the result false.</summary>
    public static bool TryParse(IEnumerable<string> values, CliConsole console, out IReadOnlyList<(ProviderAddress Provider, VersionConstraints Constraints)> parsed)
    {
        var list = new List<(ProviderAddress, VersionConstraints)>();
        var ok = true;
        foreach (var value in values)
        {
            var at = value.IndexOf('@');
            var addressText = at < 0 ? value : value[..at];
            if (!ProviderAddress.TryParse(addressText, out var address, out var addressError))
            {
                console.Error.WriteLine($"error: {value}: {addressError}. Name providers as NAMESPACE/TYPE or HOST/NAMESPACE/TYPE, optionally with @CONSTRAINTS.");
                ok = false;
                continue;
            }

            var constraints = VersionConstraints.None;
            if (at >= 0 && !VersionConstraints.TryParse(value[(at + 1)..], out constraints, out var constraintError))
            {
                console.Error.WriteLine($"error: {value}: invalid version constraints: {constraintError}. Example: hashicorp/aws@'~> 5.0'.");
                ok = false;
                continue;
            }

            list.Add((address, constraints));
        }

        parsed = list;
        return ok;
    }
}
