using System;
using System.IO;
using System.Text;
using TofuMirror.Model.Logging;

namespace TofuMirror.Cli.Output;

/// <summary>
/// A console stream on which nothing written can act as an Azure Pipelines logging command (see
/// <see cref="LoggingCommandText"/>), even when a command start is split over several writes; only
/// <see cref="WriteCommandLine"/> writes a command of our own.
/// </summary>
internal sealed class NeutralizingWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _ready = new();
    private readonly object _gate = new();
    private bool _atLineStart = true;

    private NeutralizingWriter(TextWriter inner)
    {
        _inner = inner;
        NewLine = inner.NewLine;
    }

    /// <summary><paramref name="writer"/>, neutralizing unless it already is.</summary>
    public static NeutralizingWriter Over(TextWriter writer) => writer as NeutralizingWriter ?? new NeutralizingWriter(writer);

    public override Encoding Encoding => _inner.Encoding;

    public override IFormatProvider FormatProvider => _inner.FormatProvider;

    public override void Write(char value)
    {
        lock (_gate)
        {
            LoggingCommandText.Append(_ready, _pending, value);
            Drain();
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        lock (_gate)
        {
            foreach (var c in value) LoggingCommandText.Append(_ready, _pending, c);
            Drain();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            for (var i = index; i < index + count; i++) LoggingCommandText.Append(_ready, _pending, buffer[i]);
            Drain();
        }
    }

    /// <summary>One of our own logging commands, written as it is (its untrusted parts escaped by the caller).</summary>
    public void WriteCommandLine(string command)
    {
        lock (_gate)
        {
            _ready.Append(_pending);
            _pending.Clear();
            Drain();
            // The agent reads a command only at the start of a line.
            if (!_atLineStart) _inner.WriteLine();
            _inner.WriteLine(command);
            _atLineStart = true;
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            _ready.Append(_pending);
            _pending.Clear();
            Drain();
            _inner.Flush();
        }
    }

    private void Drain()
    {
        if (_ready.Length == 0) return;
        _atLineStart = _ready[_ready.Length - 1] == '\n';
        _inner.Write(_ready.ToString());
        _ready.Clear();
    }
}
