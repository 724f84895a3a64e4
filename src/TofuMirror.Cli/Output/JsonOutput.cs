using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using TofuMirror.Diagnostics;

namespace TofuMirror.Cli.Output;

/// <summary>The <c>--json</c> contract: one JSON document on stdout per command run.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void WriteDiagnostics(Utf8JsonWriter writer, IEnumerable<Diagnostic> diagnostics, Func<string, string> displayPath)
    {
        writer.WriteStartArray("diagnostics");
        foreach (var diagnostic in diagnostics)
        {
            writer.WriteStartObject();
            writer.WriteString("severity", diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            if (diagnostic.Code is { } code) writer.WriteString("code", code);
            writer.WriteString("summary", diagnostic.Summary);
            if (diagnostic.Detail is { } detail) writer.WriteString("detail", detail);
            if (diagnostic.Subject is { } subject)
            {
                writer.WriteString("file", displayPath(subject.FileName));
                writer.WriteNumber("line", subject.Start.Line);
                writer.WriteNumber("column", subject.Start.Column);
                writer.WriteNumber("endLine", subject.End.Line);
                writer.WriteNumber("endColumn", subject.End.Column);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
