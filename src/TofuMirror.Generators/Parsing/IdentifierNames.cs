using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace TofuMirror.Generators.Parsing;

/// <summary>Turns module names and provider address parts into C# identifiers (PascalCase, valid, not keywords).</summary>
internal static class IdentifierNames
{
    /// <summary>Members every class inherits from <see cref="object"/>: a generated member with such a name would hide one (CS0108).</summary>
    public static IReadOnlyList<string> ObjectMembers { get; } =
        new[] { "Equals", "GetHashCode", "GetType", "ToString", "ReferenceEquals", "MemberwiseClone", "Finalize" };

    /// <summary><c>terraform-aws</c> → <c>TerraformAws</c>; a leading digit gets an underscore; empty input gives <c>_</c>.</summary>
    public static string ToPascalCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var upperNext = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }
        if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, '_');
        var name = builder.ToString();
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }

    /// <summary>
    /// Class names for modules (in the given order): PascalCase of the name, with a number when two modules give the
    /// same name or a module would be called like the enclosing <c>TofuProviders</c> class.
    /// </summary>
    public static IReadOnlyList<string> ForModules(IReadOnlyList<string> moduleNames)
    {
        var used = new HashSet<string>(ObjectMembers, System.StringComparer.Ordinal) { "TofuProviders" };
        var names = new List<string>(moduleNames.Count);
        foreach (var moduleName in moduleNames)
        {
            var name = ToPascalCase(moduleName);
            var unique = name;
            for (var suffix = 2; !used.Add(unique); suffix++) unique = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add(unique);
        }
        return names;
    }

    /// <summary>Property names for providers: namespace + type, made unique (with the hostname) when two collide.</summary>
    public static IReadOnlyList<string> ForProviders(IReadOnlyList<(string Hostname, string Namespace, string Type)> providers, ISet<string> reserved)
    {
        var names = new List<string>(providers.Count);
        var counts = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var p in providers)
        {
            var name = ToPascalCase(p.Namespace) + ToPascalCase(p.Type);
            counts[name] = counts.TryGetValue(name, out var n) ? n + 1 : 1;
            names.Add(name);
        }
        var used = new HashSet<string>(reserved, System.StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (counts[name] > 1) name = ToPascalCase(providers[i].Hostname) + name;
            var unique = name;
            for (var suffix = 2; !used.Add(unique); suffix++) unique = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names[i] = unique;
        }
        return names;
    }
}
