using System;

namespace TofuMirror.Model.Versions;

/// <summary>The operator of one version constraint term, in normalised-string sort priority order.</summary>
public enum ConstraintOperator
{
    /// <summary><c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
    /// <summary><c>=</c> or no operator: exactly this version.</summary>
    Equal,
    /// <summary><c>~&gt; M.m.p</c>: at least the boundary, below the next minor version.</summary>
    PessimisticPatch,
    /// <summary><c>~&gt; M.m</c> (or <c>~&gt; M</c>): at least the boundary, below the next major version.</summary>
    PessimisticMinor,
    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,
    /// <summary><c>&lt;</c></summary>
    LessThan,
    /// <summary><c>!=</c></summary>
    NotEqual,
}

/// <summary>One term of a Ruby-style constraint list, such as <c>&gt;= 1.2.0</c> or <c>~&gt; 1.0</c>.</summary>
public sealed class VersionConstraint : IEquatable<VersionConstraint>
{
    /// <summary>Creates a term; the boundary is the zero-filled version.</summary>
    public VersionConstraint(ConstraintOperator @operator, ProviderVersion boundary)
    {
        Operator = @operator;
        Boundary = boundary ?? throw new ArgumentNullException(nameof(boundary));
    }

    /// <summary>The operator.</summary>
    public ConstraintOperator Operator { get; }

    /// <summary>The boundary version, missing parts filled with zero.</summary>
    public ProviderVersion Boundary { get; }

    /// <summary>
    /// True when the version satisfies this term by precedence alone (the pre-release rule of the whole
    /// set is applied by <see cref="VersionConstraints.Allows"/>).
    /// </summary>
    public bool IsSatisfiedBy(ProviderVersion version)
    {
        var c = version.ComparePrecedence(Boundary);
        switch (Operator)
        {
            case ConstraintOperator.Equal: return c == 0;
            case ConstraintOperator.NotEqual: return c != 0;
            case ConstraintOperator.GreaterThan: return c > 0;
            case ConstraintOperator.GreaterThanOrEqual: return c >= 0;
            case ConstraintOperator.LessThan: return c < 0;
            case ConstraintOperator.LessThanOrEqual: return c <= 0;
            case ConstraintOperator.PessimisticPatch:
                return c >= 0 && version.ComparePrecedence(new ProviderVersion(Boundary.Major, Boundary.Minor + 1, 0)) < 0;
            case ConstraintOperator.PessimisticMinor:
                return c >= 0 && version.ComparePrecedence(new ProviderVersion(Boundary.Major + 1, 0, 0)) < 0;
            default: throw new InvalidOperationException("Unknown operator " + Operator);
        }
    }

    /// <summary>The normalised text: <c>&gt;= 1.0.0</c>, <c>1.2.0</c> (exact), <c>~&gt; 1.0</c>, ...</summary>
    public override string ToString()
    {
        var version = Boundary.ToString();
        if (Operator == ConstraintOperator.PessimisticMinor)
        {
            version = Boundary.Major + "." + Boundary.Minor;
            if (Boundary.Prerelease.Length > 0) version += "-" + Boundary.Prerelease;
            if (Boundary.Metadata.Length > 0) version += "+" + Boundary.Metadata;
        }
        return OperatorText(Operator) + version;
    }

    private static string OperatorText(ConstraintOperator op) => op switch
    {
        ConstraintOperator.Equal => string.Empty,
        ConstraintOperator.NotEqual => "!= ",
        ConstraintOperator.GreaterThan => "> ",
        ConstraintOperator.GreaterThanOrEqual => ">= ",
        ConstraintOperator.LessThan => "< ",
        ConstraintOperator.LessThanOrEqual => "<= ",
        _ => "~> ",
    };

    /// <summary>Parses one term (operator optional, whitespace around it allowed).</summary>
    public static bool TryParse(string text, out VersionConstraint constraint, out string error)
    {
        constraint = null!;
        var term = (text ?? string.Empty).Trim();
        var op = ConstraintOperator.Equal;
        var operatorLength = 0;
        foreach (var (symbol, value) in Operators)
        {
            if (term.StartsWith(symbol, StringComparison.Ordinal))
            {
                op = value;
                operatorLength = symbol.Length;
                break;
            }
        }
        var versionText = term.Substring(operatorLength).Trim();
        if (versionText.Length == 0)
        {
            error = $"invalid version constraint \"{text}\": a version is required, as in \">= 1.2.0\"";
            return false;
        }
        if (!ProviderVersion.TryParsePartial(versionText, out var boundary, out var parts, out var versionError))
        {
            error = $"invalid version constraint \"{text}\": {versionError}";
            return false;
        }
        if (op == ConstraintOperator.PessimisticPatch && parts < 3) op = ConstraintOperator.PessimisticMinor;
        constraint = new VersionConstraint(op, boundary);
        error = string.Empty;
        return true;
    }

    // Longer symbols first so that ">=" is not read as ">".
    private static readonly (string Symbol, ConstraintOperator Operator)[] Operators =
    {
        ("~>", ConstraintOperator.PessimisticPatch),
        (">=", ConstraintOperator.GreaterThanOrEqual),
        ("<=", ConstraintOperator.LessThanOrEqual),
        ("!=", ConstraintOperator.NotEqual),
        (">", ConstraintOperator.GreaterThan),
        ("<", ConstraintOperator.LessThan),
        ("=", ConstraintOperator.Equal),
    };

    /// <inheritdoc />
    public bool Equals(VersionConstraint? other) => other is not null && Operator == other.Operator && Boundary.Equals(other.Boundary);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VersionConstraint);

    /// <inheritdoc />
    public override int GetHashCode() => ((int)Operator * 397) ^ Boundary.GetHashCode();
}
