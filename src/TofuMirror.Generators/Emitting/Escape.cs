using Microsoft.CodeAnalysis.CSharp;

namespace TofuMirror.Generators.Emitting;

/// <summary>Escaping helpers for emitted C#: string literals and XML doc text.</summary>
internal static class Escape
{
    public static string Literal(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Xml(string value) =>
        value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
