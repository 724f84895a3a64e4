using System.Collections.Generic;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace TofuMirror.Build.Tasks.HostProtocol;

/// <summary>Between MSBuild items and the restore's settings and outcome; shared by both restore tasks.</summary>
internal static class TaskItems
{
    public static RestoreSettings ToSettings(IEnumerable<ITaskItem> modules, string? baseDirectory, string outputPath,
        string? cliConfigFile, string? repositoryTemplate, string? platforms, string? cachePath, bool offline, bool forceRestore, int parallelism)
    {
        var settings = new RestoreSettings
        {
            BaseDirectory = baseDirectory ?? "",
            OutputPath = outputPath,
            CliConfigFile = NullIfBlank(cliConfigFile),
            RepositoryTemplate = NullIfBlank(repositoryTemplate),
            Platforms = NullIfBlank(platforms),
            CachePath = NullIfBlank(cachePath),
            Offline = offline,
            ForceRestore = forceRestore,
            Parallelism = parallelism,
        };
        foreach (var module in modules)
        {
            settings.Modules.Add(new ModuleSettings(module.ItemSpec)
            {
                RepositoryTemplate = NullIfBlank(module.GetMetadata("RepositoryTemplate")),
                CliConfigFile = NullIfBlank(module.GetMetadata("CliConfigFile")),
                Platforms = NullIfBlank(module.GetMetadata("Platforms")),
            });
        }
        return settings;
    }

    /// <summary>The registry TLS files (TofuCaFile, TofuClientCertificateFile, TofuClientKeyFile) of <paramref name="task"/>.</summary>
    public static RestoreSettings WithTls(this RestoreSettings settings, IRestoreProvidersTask task)
    {
        settings.CaFile = NullIfBlank(task.CaFile);
        settings.ClientCertificateFile = NullIfBlank(task.ClientCertificateFile);
        settings.ClientKeyFile = NullIfBlank(task.ClientKeyFile);
        return settings;
    }

    /// <summary>The trust anchors (TofuTrustedKeys) and TofuRequireSignedProviders of <paramref name="task"/>.</summary>
    public static RestoreSettings WithTrust(this RestoreSettings settings, IRestoreProvidersTask task)
    {
        settings.TrustedKeys = NullIfBlank(task.TrustedKeys);
        settings.RequireSigned = task.RequireSigned;
        return settings;
    }

    public static ITaskItem[] ToItems(RestoreOutcome outcome)
    {
        var items = new List<ITaskItem>();
        foreach (var folder in outcome.Folders)
        {
            var item = new TaskItem(folder.Path);
            item.SetMetadata("Provider", folder.Provider);
            item.SetMetadata("Version", folder.Version);
            item.SetMetadata("Platform", folder.Platform);
            item.SetMetadata("Module", folder.Module);
            items.Add(item);
        }
        return items.ToArray();
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
