using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TofuMirror.Pipelines.Tests;

/// <summary>The output of running a template's script steps.</summary>
internal sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<string> StepsRun)
{
    public string AllOutput => StandardOutput + StandardError;
}

/// <summary>
/// Runs the unconditional <c>bash:</c>/<c>script:</c> steps of a steps template (following <c>template:</c>
/// references) with bash, the way an agent would: template expressions substituted, <c>$(…)</c> macros from the
/// agent's variables, the step's <c>env:</c> and <c>workingDirectory</c>, and variables set with
/// <c>##vso[task.setvariable]</c> passed to the following steps. Tasks (UseDotNet@2, Cache@2, …) are skipped.
/// </summary>
internal sealed class ScriptStepRunner
{
    private static readonly Regex SetVariable = new(@"^##vso\[task\.setvariable variable=([^;\]]+)[^\]]*\](.*)$", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, string> _environment;
    private readonly IReadOnlyList<(string From, string To)> _replacements;

    public ScriptStepRunner(IDictionary<string, string> agentEnvironment, IReadOnlyList<(string From, string To)> replacements)
    {
        _environment = new Dictionary<string, string>(agentEnvironment, StringComparer.Ordinal);
        _replacements = replacements;
    }

    public ScriptRun Run(string templatePath, IReadOnlyDictionary<string, object> parameters)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var steps = new List<string>();
        var exit = RunTemplate(templatePath, parameters, stdout, stderr, steps);
        return new ScriptRun(exit, stdout.ToString(), stderr.ToString(), steps);
    }

    private int RunTemplate(string templatePath, IReadOnlyDictionary<string, object> parameters, StringBuilder stdout, StringBuilder stderr, List<string> steps)
    {
        var template = PipelineTemplate.Load(templatePath);
        var values = WithDefaults(template, parameters);
        var expressions = new TemplateExpressions(values);
        foreach (var (step, condition) in template.AllSteps())
        {
            if (condition is not null) continue;
            if (PipelineTemplate.Scalar(step, "template") is { } nested)
            {
                var nestedParameters = new Dictionary<string, object>(StringComparer.Ordinal);
                if (PipelineTemplate.Mapping(step, "parameters") is { } map)
                {
                    foreach (var pair in map.Children)
                        nestedParameters[((YamlScalarNode)pair.Key).Value!] = expressions.Substitute(((YamlScalarNode)pair.Value).Value ?? "", new Dictionary<string, string>());
                }
                var exitCode = RunTemplate(Path.Combine(Path.GetDirectoryName(templatePath)!, nested), nestedParameters, stdout, stderr, steps);
                if (exitCode != 0) return exitCode;
                continue;
            }
            var script = PipelineTemplate.Scalar(step, "bash") ?? PipelineTemplate.Scalar(step, "script");
            if (script is null) continue;
            steps.Add(PipelineTemplate.Scalar(step, "displayName") ?? script);
            var code = RunStep(step, script, expressions, stdout, stderr);
            if (code != 0) return code;
        }
        return 0;
    }

    private static Dictionary<string, object> WithDefaults(PipelineTemplate template, IReadOnlyDictionary<string, object> given)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, declaration) in template.Parameters)
        {
            if (given.TryGetValue(name, out var value)) values[name] = value is string text && PipelineTemplate.Scalar(declaration, "type") == "boolean" ? text == "True" : value;
            else values[name] = DefaultOf(declaration);
        }
        foreach (var name in given.Keys.Where(k => !values.ContainsKey(k)))
            throw new ArgumentException($"{template.Path} has no parameter {name}");
        return values;
    }

    private static object DefaultOf(YamlMappingNode declaration)
    {
        declaration.Children.TryGetValue(new YamlScalarNode("default"), out var node);
        return node switch
        {
            YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList(),
            YamlScalarNode scalar when PipelineTemplate.Scalar(declaration, "type") == "boolean" => scalar.Value == "true",
            YamlScalarNode scalar => scalar.Value ?? "",
            _ => "",
        };
    }

    private int RunStep(YamlMappingNode step, string script, TemplateExpressions expressions, StringBuilder stdout, StringBuilder stderr)
    {
        var body = expressions.Substitute(script, _environment);
        foreach (var (from, to) in _replacements) body = body.Replace(from, to);
        var scriptFile = Path.Combine(_environment["AGENT_TEMPDIRECTORY"], "step-" + Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(scriptFile, body);
        var workingDirectory = PipelineTemplate.Scalar(step, "workingDirectory") is { } dir
            ? expressions.Substitute(dir, _environment)
            : _environment["BUILD_SOURCESDIRECTORY"];

        var start = new ProcessStartInfo("bash", new[] { "--noprofile", "--norc", "-e", "-o", "pipefail", scriptFile })
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        if (PipelineTemplate.Mapping(step, "env") is { } env)
        {
            foreach (var pair in env.Children)
                start.Environment[((YamlScalarNode)pair.Key).Value!] = expressions.Substitute(((YamlScalarNode)pair.Value).Value ?? "", _environment);
        }

        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        var error = errorTask.GetAwaiter().GetResult();
        if (!process.WaitForExit(300_000)) process.Kill(entireProcessTree: true);
        stdout.Append(output);
        stderr.Append(error);
        foreach (var line in output.Split('\n'))
        {
            var match = SetVariable.Match(line.TrimEnd('\r'));
            if (match.Success) _environment[match.Groups[1].Value.Replace('.', '_').ToUpperInvariant()] = match.Groups[2].Value;
        }
        return process.ExitCode;
    }
}
