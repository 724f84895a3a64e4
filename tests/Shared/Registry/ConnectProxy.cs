using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TofuMirror.Testing.Registry;

/// <summary>
/// A forward proxy on 127.0.0.1 that tunnels <c>CONNECT host:port</c> to 127.0.0.1:port (whatever the host, so a name
/// like <see cref="TestCertificates.ProxiedHostName"/> reaches the local registry only through it) and answers any
/// other request 502. Counts connections and records the CONNECT targets.
/// </summary>
internal sealed class ConnectProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    private ConnectProxy()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public static ConnectProxy Start() => new();

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Connections the proxy accepted (CONNECT or not).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> ConnectTargets { get; } = new();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var requestLine = head.Split("\r\n")[0].Split(' ');
                if (requestLine.Length < 2 || requestLine[0] != "CONNECT")
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    return;
                }
                ConnectTargets.Enqueue(requestLine[1]);
                var port = int.Parse(requestLine[1][(requestLine[1].LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"));
                var target = upstream.GetStream();
                await Task.WhenAny(stream.CopyToAsync(target, _stop.Token), target.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or FormatException)
            {
            }
        }
    }

    /// <summary>Reads up to the blank line ending the request head, one byte at a time so no tunnelled byte is consumed.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 8192)
        {
            if (await stream.ReadAsync(one) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
