using System.Collections.Generic;
using System.Linq;
using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>The content of a file or block: attributes and nested blocks in source order.</summary>
public sealed class Body : Node
{
    public Body(IReadOnlyList<BodyItem> items, SourceRange range) : base(range) => Items = items;

    /// <summary>Attributes and blocks in source order.</summary>
    public IReadOnlyList<BodyItem> Items { get; }

    public IEnumerable<HclAttribute> Attributes => Items.OfType<HclAttribute>();
    public IEnumerable<Block> Blocks => Items.OfType<Block>();

    /// <summary>The first attribute called <paramref name="name"/>, or null.</summary>
    public HclAttribute? GetAttribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);
}
