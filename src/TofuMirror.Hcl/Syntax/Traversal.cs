using System.Collections.Generic;
using TofuMirror.Hcl.Evaluation;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>One step of a traversal: <see cref="AttributeStep"/> or <see cref="IndexStep"/>.</summary>
public abstract class TraversalStep : Node
{
    protected TraversalStep(SourceRange range) : base(range)
    {
    }
}

/// <summary><c>.name</c></summary>
public sealed class AttributeStep : TraversalStep
{
    public AttributeStep(string name, SourceRange range) : base(range) => Name = name;

    public string Name { get; }
}

/// <summary><c>[literal]</c>, or the legacy form <c>.0</c> (<see cref="IsLegacy"/>).</summary>
public sealed class IndexStep : TraversalStep
{
    public IndexStep(HclValue key, bool isLegacy, SourceRange range) : base(range)
    {
        Key = key;
        IsLegacy = isLegacy;
    }

    public HclValue Key { get; }
    public bool IsLegacy { get; }
}

/// <summary>A variable reference: a root name then attribute and literal-index steps, e.g. <c>var.list[0].id</c>.</summary>
public sealed class Traversal
{
    public Traversal(string rootName, SourceRange rootRange, IReadOnlyList<TraversalStep> steps)
    {
        RootName = rootName;
        RootRange = rootRange;
        Steps = steps;
    }

    public string RootName { get; }
    public SourceRange RootRange { get; }
    public IReadOnlyList<TraversalStep> Steps { get; }

    public SourceRange Range => Steps.Count == 0 ? RootRange : RootRange.Through(Steps[Steps.Count - 1].Range);
}
