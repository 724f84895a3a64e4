using System;
using System.Collections.Generic;
using System.Linq;

namespace TofuMirror.Model.Versions;

/// <summary>
/// A Ruby-style list of version constraints (<c>"&gt;= 1.0, &lt; 2.0"</c>), all of which must hold.
/// Pre-release versions are allowed only when an exact (<c>=</c>) term names them.
/// </summary>
public sealed class VersionConstraints : IEquatable<VersionConstraints>
{
    /// <summary>No constraints: every released version is allowed.</summary>
    public static VersionConstraints None { get; } = new(Array.Empty<VersionConstraint>());

    /// <summary>Creates a set from terms (kept in the given order; see <see cref="ToNormalizedString"/>).</summary>
    public VersionConstraints(IEnumerable<VersionConstraint> terms)
    {
        Terms = (terms ?? throw new ArgumentNullException(nameof(terms))).ToArray();
    }

    /// <summary>The terms as written (after zero-filling), in order.</summary>
    public IReadOnlyList<VersionConstraint> Terms { get; }

    /// <summary>True when there are no terms.</summary>
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Parses a comma-separated list of terms.</summary>
    /// <exception cref="FormatException">The text is not a valid constraint list.</exception>
    public static VersionConstraints Parse(string text)
    {
        if (TryParse(text, out var result, out var error)) return result;
        throw new FormatException(error);
    }

    /// <summary>Parses a comma-separated list of terms; false with a reason when any term is invalid.</summary>
    public static bool TryParse(string text, out VersionConstraints constraints, out string error)
    {
        constraints = None;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty version constraint: write constraints such as \">= 1.2.0, < 2.0.0\" or \"~> 1.2\"";
            return false;
        }
        var terms = new List<VersionConstraint>();
        foreach (var part in text.Split(','))
        {
            if (!VersionConstraint.TryParse(part, out var term, out error)) return false;
            terms.Add(term);
        }
        constraints = new VersionConstraints(terms);
        error = string.Empty;
        return true;
    }

    /// <summary>True when <paramref name="text"/> parses and is already in normalised form (lock-file rule).</summary>
    public static bool IsNormalized(string text) =>
        TryParse(text, out var parsed, out _) && string.Equals(parsed.ToNormalizedString(), text, StringComparison.Ordinal);

    /// <summary>True when the version satisfies every term and, if it is a pre-release, an exact term names it.</summary>
    public bool Allows(ProviderVersion version)
    {
        if (version is null) throw new ArgumentNullException(nameof(version));
        foreach (var term in Terms)
        {
            if (!term.IsSatisfiedBy(version)) return false;
        }
        if (!version.IsPrerelease) return true;
        return Terms.Any(t => t.Operator == ConstraintOperator.Equal && t.Boundary.SamePrecedence(version));
    }

    /// <summary>The newest allowed version among <paramref name="available"/>, or null when none is allowed.</summary>
    public ProviderVersion? SelectNewest(IEnumerable<ProviderVersion> available)
    {
        ProviderVersion? best = null;
        foreach (var version in available)
        {
            if (Allows(version) && (best is null || version.CompareTo(best) > 0)) best = version;
        }
        return best;
    }

    /// <summary>All terms of this set and <paramref name="other"/> (both must hold).</summary>
    public VersionConstraints Intersect(VersionConstraints other) => Intersect(new[] { this, other });

    /// <summary>Combines several sets, as OpenTofu does with the constraints of all modules for one provider.</summary>
    public static VersionConstraints Intersect(IEnumerable<VersionConstraints> sets) =>
        new(sets.Where(s => s is not null).SelectMany(s => s.Terms));

    /// <summary>
    /// The lock-file form: duplicates removed, sorted by boundary version then operator
    /// (<c>&gt;</c>, <c>&gt;=</c>, exact, <c>~&gt;</c> patch, <c>~&gt;</c> minor, <c>&lt;=</c>, <c>&lt;</c>, <c>!=</c>),
    /// joined with <c>", "</c>. Empty for no terms.
    /// </summary>
    public string ToNormalizedString()
    {
        var unique = new List<VersionConstraint>();
        foreach (var term in Terms)
        {
            if (!unique.Contains(term)) unique.Add(term);
        }
        var sorted = unique
            .Select((term, index) => (term, index))
            .OrderBy(x => x.term.Boundary, Comparer<ProviderVersion>.Create((a, b) => a.ComparePrecedence(b)))
            .ThenBy(x => (int)x.term.Operator)
            .ThenBy(x => x.index)
            .Select(x => x.term.ToString());
        return string.Join(", ", sorted);
    }

    /// <summary>The normalised string.</summary>
    public override string ToString() => ToNormalizedString();

    /// <summary>Sets are equal when their normalised strings are equal.</summary>
    public bool Equals(VersionConstraints? other) => other is not null && ToNormalizedString() == other.ToNormalizedString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VersionConstraints);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToNormalizedString());
}
