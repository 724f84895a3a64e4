using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace TofuMirror.Pipelines.Tests;

/// <summary>One Azure Pipelines YAML file, parsed: its parameters and its steps (conditional blocks and template references flattened).</summary>
internal sealed class PipelineTemplate
{
    private PipelineTemplate(string path, YamlMappingNode root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    public YamlMappingNode Root { get; }

    public static PipelineTemplate Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{path}: expected one YAML mapping document");
        return new PipelineTemplate(path, root);
    }

    /// <summary>The declared parameters by name, each as its mapping (name, type, default, values).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Parameters
    {
        get
        {
            var result = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
            if (Root.Children.TryGetValue(new YamlScalarNode("parameters"), out var node) && node is YamlSequenceNode list)
            {
                foreach (var item in list.Children.Cast<YamlMappingNode>())
                    result.Add(Scalar(item, "name")!, item);
            }
            return result;
        }
    }

    /// <summary>
    /// Every step mapping in document order, wherever it is (stages, jobs, <c>${{ if }}</c> blocks), with the
    /// condition it sits under (null when unconditional). Template references are returned as steps too.
    /// </summary>
    public IReadOnlyList<(YamlMappingNode Step, string? Condition)> AllSteps()
    {
        var result = new List<(YamlMappingNode, string?)>();
        Collect(Root, null, result);
        return result;
    }

    private static void Collect(YamlNode node, string? condition, List<(YamlMappingNode, string?)> result)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var pair in map.Children)
                {
                    var key = ((YamlScalarNode)pair.Key).Value ?? "";
                    if (key == "steps" && pair.Value is YamlSequenceNode steps) CollectSteps(steps, condition, result);
                    else if (key != "parameters") Collect(pair.Value, condition, result);
                }
                break;
            case YamlSequenceNode list:
                foreach (var child in list.Children) Collect(child, condition, result);
                break;
        }
    }

    private static void CollectSteps(YamlSequenceNode steps, string? condition, List<(YamlMappingNode, string?)> result)
    {
        foreach (var item in steps.Children.Cast<YamlMappingNode>())
        {
            var first = ((YamlScalarNode)item.Children.First().Key).Value ?? "";
            if (first.StartsWith("${{", StringComparison.Ordinal))
            {
                foreach (var pair in item.Children)
                    CollectSteps((YamlSequenceNode)pair.Value, ((YamlScalarNode)pair.Key).Value, result);
            }
            else result.Add((item, condition));
        }
    }

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode? Mapping(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlMappingNode : null;
}
