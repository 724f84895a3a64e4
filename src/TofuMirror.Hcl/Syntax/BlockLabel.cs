using TofuMirror.Diagnostics;

namespace TofuMirror.Hcl.Syntax;

/// <summary>A block label: the unescaped value of a quoted label, or an identifier label; the range includes any quotes.</summary>
public sealed record BlockLabel(string Value, SourceRange Range);
