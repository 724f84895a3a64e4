using System.Text;

namespace TofuMirror.Model.Locks;

/// <summary>
/// Writes lock files byte-for-byte as OpenTofu does (hclwrite formatting): LF endings, the two header
/// comments, one blank line before each provider block, aligned single-line attributes, one hash per line.
/// </summary>
public static class LockFileWriter
{
    private const string Header =
        "# This file is maintained automatically by \"tofu init\".\n" +
        "# Manual edits may be lost in future updates.\n";

    public static string Write(LockFile lockFile)
    {
        var text = new StringBuilder(Header);
        foreach (var provider in lockFile.Providers)
        {
            text.Append('\n');
            WriteProvider(text, provider);
        }
        return text.ToString();
    }

    private static void WriteProvider(StringBuilder text, ProviderLock provider)
    {
        text.Append("provider ").Append(Quote(provider.Address.ToString())).Append(" {\n");

        var constraints = provider.Constraints?.ToNormalizedString();
        var hasConstraints = !string.IsNullOrEmpty(constraints);
        // hclwrite aligns the '=' of consecutive single-line attributes; 'hashes' spans lines, so it never aligns.
        var nameWidth = hasConstraints ? "constraints".Length : "version".Length;
        AppendAttribute(text, "version", nameWidth, Quote(provider.Version.ToString()));
        if (hasConstraints) AppendAttribute(text, "constraints", nameWidth, Quote(constraints!));

        if (provider.Hashes.Count > 0)
        {
            text.Append("  hashes = [\n");
            foreach (var hash in ProviderLock.Normalize(provider.Hashes))
                text.Append("    ").Append(Quote(hash.ToString())).Append(",\n");
            text.Append("  ]\n");
        }
        text.Append("}\n");
    }

    private static void AppendAttribute(StringBuilder text, string name, int nameWidth, string value) =>
        text.Append("  ").Append(name.PadRight(nameWidth)).Append(" = ").Append(value).Append('\n');

    /// <summary>An HCL quoted string literal: escapes what HCL requires, and <c>${</c>/<c>%{</c> so they stay literal.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '$' or '%' when i + 1 < value.Length && value[i + 1] == '{':
                    text.Append(c).Append(c); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }
}
