namespace TofuMirror.Model.Modules;

/// <summary>A configuration file's path (as it should appear in messages) and its text. Core never reads disks itself.</summary>
public sealed record SourceFile(string Path, string Text)
{
    public bool IsJson => Path.EndsWith(".tf.json", System.StringComparison.OrdinalIgnoreCase);
}
