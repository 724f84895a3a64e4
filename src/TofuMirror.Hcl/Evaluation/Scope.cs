using System.Collections.Generic;

namespace TofuMirror.Hcl.Evaluation;

/// <summary>Variables visible at a point of evaluation: the context's, plus for-expression symbols layered on top.</summary>
internal sealed class Scope
{
    private readonly IReadOnlyDictionary<string, HclValue>? _variables;
    private readonly Scope? _parent;
    private readonly string? _name1;
    private readonly HclValue? _value1;
    private readonly string? _name2;
    private readonly HclValue? _value2;

    public Scope(IReadOnlyDictionary<string, HclValue>? variables) => _variables = variables;

    private Scope(Scope parent, string? name1, HclValue? value1, string name2, HclValue value2)
    {
        _parent = parent;
        _name1 = name1;
        _value1 = value1;
        _name2 = name2;
        _value2 = value2;
    }

    /// <summary>False only at the root of a null context: then no variable may be referenced.</summary>
    public bool AllowsVariables => _variables is not null || _parent is not null;

    public Scope With(string? keyName, HclValue? key, string valueName, HclValue value) => new(this, keyName, key, valueName, value);

    public bool TryGet(string name, out HclValue value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._name2 == name) { value = scope._value2!; return true; }
            if (scope._name1 is not null && scope._name1 == name) { value = scope._value1!; return true; }
            if (scope._variables is not null && scope._variables.TryGetValue(name, out value!)) return true;
        }
        value = HclValue.Null;
        return false;
    }
}
