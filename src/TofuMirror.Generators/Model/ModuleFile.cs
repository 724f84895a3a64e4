using System;

namespace TofuMirror.Generators.Model;

/// <summary>What an additional file is to a module.</summary>
public enum ModuleFileKind
{
    /// <summary>The module's <c>.terraform.lock.hcl</c>.</summary>
    LockFile,

    /// <summary>A configuration file in native syntax (<c>.tf</c>).</summary>
    Configuration,

    /// <summary>A configuration file in JSON syntax (<c>.tf.json</c>).</summary>
    JsonConfiguration,
}

/// <summary>One additional file tagged with <c>TofuModule</c> metadata: its module, path, kind and text.</summary>
public sealed record ModuleFile(string Module, string Path, ModuleFileKind Kind, string Text)
{
    /// <summary>The kind a file name implies, or null for files the generator does not read.</summary>
    public static ModuleFileKind? KindOf(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (string.Equals(name, ".terraform.lock.hcl", StringComparison.OrdinalIgnoreCase)) return ModuleFileKind.LockFile;
        if (name.EndsWith(".tf.json", StringComparison.OrdinalIgnoreCase)) return ModuleFileKind.JsonConfiguration;
        if (name.EndsWith(".tf", StringComparison.OrdinalIgnoreCase)) return ModuleFileKind.Configuration;
        return null;
    }
}

/// <summary>All the files of one module, in path order, and the class name chosen for it (unique in the project).</summary>
public sealed record ModuleInput(string Name, string ClassName, EquatableArray<ModuleFile> Files);
