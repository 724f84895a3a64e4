using System;
using System.IO;
using System.Linq;
using System.Reflection;

// Prints where the build restored the providers: run tofu/terraform with TF_CLI_CONFIG_FILE set to this file.
var cliConfig = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .FirstOrDefault(a => a.Key == "TofuCliConfigPath")?.Value;
Console.WriteLine($"TF_CLI_CONFIG_FILE={cliConfig}");
Console.WriteLine(cliConfig is not null && File.Exists(cliConfig) ? "providers restored" : "providers not restored yet");
