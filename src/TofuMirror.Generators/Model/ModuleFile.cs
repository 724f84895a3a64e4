using System;

namespace TofuMirror.Generators.Model;

/// <summary>What an additional file is to a module.</summary>
internal enum ModuleFileKind
{
    /// <summary>The module's <c>.terraform.lock.hcl</c>.</summary>
    LockFile,

    /// <summary>A configuration file in native syntax (<c>.tf</c>, <c>.tofu</c>).</summary>
    Configuration,

    /// <summary>A configuration file in JSON syntax (<c>.tf.json</c>, <c>.tofu.json</c>).</summary>
    JsonConfiguration,
}

/// <summary>One additional file tagged with <c>TofuModule</c> metadata: its module, path, kind and text.</summary>
internal sealed record ModuleFile(string Module, string Path, ModuleFileKind Kind, string Text)
{
    /// <summary>Set when the file is not UTF-8: reported instead of parsing it.</summary>
    public global::TofuMirror.Diagnostics.Diagnostic? EncodingError { get; init; }

    /// <summary>The kind a file name implies, or null for files the generator does not read.</summary>
    public static ModuleFileKind? KindOf(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (string.Equals(name, ".terraform.lock.hcl", StringComparison.OrdinalIgnoreCase)) return ModuleFileKind.LockFile;
        if (!global::TofuMirror.Model.Modules.ConfigurationFileNames.IsConfigurationFile(name)) return null;
        return global::TofuMirror.Model.Modules.ConfigurationFileNames.IsJson(name) ? ModuleFileKind.JsonConfiguration : ModuleFileKind.Configuration;
    }
}

/// <summary>All the files of one module, in path order, and the class name chosen for it (unique in the project).</summary>
internal sealed record ModuleInput(string Name, string ClassName, EquatableArray<ModuleFile> Files);
