using System.Collections.Generic;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary><c>name(arg, ...)</c>, <c>provider::ns::name(args...)</c>; <see cref="ExpandFinal"/> when the last argument ends in <c>...</c>.</summary>
public sealed class FunctionCallExpression : Expression
{
    public FunctionCallExpression(string name, SourceRange nameRange, IReadOnlyList<Expression> args, bool expandFinal,
        SourceRange openParenRange, SourceRange closeParenRange)
        : base(nameRange.Through(closeParenRange))
    {
        Name = name;
        NameRange = nameRange;
        Args = args;
        ExpandFinal = expandFinal;
        OpenParenRange = openParenRange;
        CloseParenRange = closeParenRange;
    }

    /// <summary>The full name, with any <c>::</c> namespace prefix.</summary>
    public string Name { get; }
    public SourceRange NameRange { get; }
    public IReadOnlyList<Expression> Args { get; }
    public bool ExpandFinal { get; }
    public SourceRange OpenParenRange { get; }
    public SourceRange CloseParenRange { get; }

    /// <inheritdoc />
    public override IEnumerable<Expression> Children => Args;
}
