namespace TofuMirror.Generators.Model;

/// <summary>
/// A module's OCI repository template (additional-file metadata <c>TofuRepositoryTemplate</c>), the fallback for
/// descriptors' repository and tag when the restore manifest has no entry.
/// </summary>
internal sealed record ModuleTemplate(string Module, string Template);
