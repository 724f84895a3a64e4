using System.Text;
using TofuMirror.Model.Diagnostics;
using TofuMirror.Diagnostics;

namespace TofuMirror.Model.Modules;

/// <summary>
/// Turns a configuration file's bytes into a <see cref="SourceFile"/> as OpenTofu reads it: UTF-8 only. A UTF-16 file
/// (byte-order mark) or invalid UTF-8 is the error OpenTofu's HCL parser reports ("Invalid character encoding", once per
/// file, at the first bad byte) instead of text silently decoded another way or with replacement characters.
/// </summary>
public static class SourceFileDecoder
{
    /// <summary>HCL's summary for a file that is not UTF-8.</summary>
    public const string InvalidEncodingSummary = "Invalid character encoding";

    /// <summary>HCL's detail for a file that is not UTF-8.</summary>
    public const string InvalidEncodingDetail = "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.";

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The file, or one with no text and <see cref="SourceFile.EncodingError"/> set (the rest of it is not read).</summary>
    public static SourceFile Decode(string path, byte[] bytes)
    {
        // A UTF-8 byte-order mark is skipped, as reading the file as text always did.
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var bad = FirstInvalidByte(bytes, start);
        if (bad < 0) return new SourceFile(path, Strict.GetString(bytes, start, bytes.Length - start));
        return new SourceFile(path, "") { EncodingError = InvalidEncoding(path, bytes, start, bad) };
    }

    /// <summary>The offset of the first byte that is not valid UTF-8 (a UTF-16 byte-order mark never is), or -1.</summary>
    private static int FirstInvalidByte(byte[] bytes, int start)
    {
        try
        {
            Strict.GetCharCount(bytes, start, bytes.Length - start);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return start + e.Index;
        }
    }

    private static Diagnostic InvalidEncoding(string path, byte[] bytes, int start, int bad)
    {
        var lineStart = bad;
        while (lineStart > start && bytes[lineStart - 1] != (byte)'\n') lineStart--;
        var line = 1;
        for (var i = start; i < lineStart; i++)
            if (bytes[i] == (byte)'\n') line++;
        var offset = Lenient.GetCharCount(bytes, start, bad - start);
        var column = 1 + Lenient.GetCharCount(bytes, lineStart, bad - lineStart);
        var at = new SourcePosition(line, column, offset);
        return Diagnostic.Error(InvalidEncodingSummary, InvalidEncodingDetail,
            new SourceRange(path, at, new SourcePosition(line, column + 1, offset + 1))) with { Code = DiagnosticCodes.SyntaxError };
    }
}
