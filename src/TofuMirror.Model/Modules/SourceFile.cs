namespace TofuMirror.Model.Modules;

/// <summary>A configuration file's path (as it should appear in messages) and its text. Core never reads disks itself.</summary>
public sealed record SourceFile(string Path, string Text)
{
    /// <summary>JSON syntax: <c>.tf.json</c> or <c>.tofu.json</c>.</summary>
    public bool IsJson => ConfigurationFileNames.IsJson(Path);

    /// <summary>An <c>override</c> or <c>*_override</c> file, merged after the primary files.</summary>
    public bool IsOverride => ConfigurationFileNames.IsOverride(Path);

    /// <summary>Set when the file is not UTF-8 (<see cref="SourceFileDecoder"/>): reported, and the file is not parsed.</summary>
    public TofuMirror.Diagnostics.Diagnostic? EncodingError { get; init; }
}
