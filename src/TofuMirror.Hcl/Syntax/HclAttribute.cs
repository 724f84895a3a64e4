using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>An argument definition <c>name = expression</c>.</summary>
public sealed class HclAttribute : BodyItem
{
    public HclAttribute(string name, SourceRange nameRange, SourceRange equalsRange, Expression expression)
        : base(nameRange.Through(expression.Range))
    {
        Name = name;
        NameRange = nameRange;
        EqualsRange = equalsRange;
        Expression = expression;
    }

    public string Name { get; }
    public SourceRange NameRange { get; }
    public SourceRange EqualsRange { get; }
    public Expression Expression { get; }
}
