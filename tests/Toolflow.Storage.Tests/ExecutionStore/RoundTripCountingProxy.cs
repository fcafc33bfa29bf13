using System.Net;
using System.Net.Sockets;

namespace Toolflow.Storage.Tests.ExecutionStore;

/// <summary>
/// A TCP proxy in front of PostgreSQL that counts round trips: each time the server answers after
/// the client has sent something since the server last spoke. Protocol-agnostic, so it counts what
/// the wire carries (BEGIN prepended to a statement is one trip; a separate COMMIT another).
/// </summary>
internal sealed class RoundTripCountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private bool _clientSpoke;
    private int _roundTrips;

    public RoundTripCountingProxy(string host, int port)
    {
        _listener.Start();
        _accepting = AcceptAsync(host, port);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int RoundTrips
    {
        get
        {
            lock (_gate)
            {
                return _roundTrips;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _roundTrips = 0;
            _clientSpoke = false;
        }
    }

    private async Task AcceptAsync(string host, int port)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(host, port, _stop.Token);
                lock (_gate)
                {
                    _pumps.Add(PumpAsync(client, server, fromClient: true));
                    _pumps.Add(PumpAsync(server, client, fromClient: false));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, _stop.Token)) > 0)
            {
                lock (_gate)
                {
                    if (fromClient)
                    {
                        _clientSpoke = true;
                    }
                    else if (_clientSpoke)
                    {
                        _clientSpoke = false;
                        _roundTrips++;
                    }
                }

                await target.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] pumps;
        lock (_gate)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps);
        _stop.Dispose();
    }
}
