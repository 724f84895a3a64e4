using System.IO;
using System.Text;
using Spectre.Console;

namespace TofuMirror.Cli.Output;

/// <summary>
/// A stderr writer for while a live display is drawn: each complete line goes through the Spectre console, which
/// prints it above the display instead of through it.
/// </summary>
internal sealed class TerminalLineWriter(IAnsiConsole terminal) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly object _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                terminal.WriteLine(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            foreach (var c in value) Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            Write(value);
            Write('\n');
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length == 0) return;
            terminal.Write(_line.ToString());
            _line.Clear();
        }
    }
}
