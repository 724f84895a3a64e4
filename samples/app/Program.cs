using System;
using System.IO;
using System.Linq;
using System.Reflection;
using TofuMirror.Generated;

// Prints where the build restored the providers: run tofu/terraform with TF_CLI_CONFIG_FILE set to this file.
var cliConfig = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .FirstOrDefault(a => a.Key == "TofuCliConfigPath")?.Value;
Console.WriteLine($"TF_CLI_CONFIG_FILE={cliConfig}");
Console.WriteLine(cliConfig is not null && File.Exists(cliConfig) ? "providers restored" : "providers not restored yet");

// The source generator's typed descriptors of what infra/.terraform.lock.hcl locks (checked at compile time).
foreach (var provider in TofuProviders.Infra.All)
    Console.WriteLine($"{provider.Source} {provider.Version} ({provider.Hashes.Count} hashes)");
