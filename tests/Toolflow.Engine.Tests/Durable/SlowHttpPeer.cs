using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>
/// A real HTTP peer on 127.0.0.1 that answers every request after <c>delay</c>: a node that is
/// busy for a while without the worker's CPU or memory doing anything (unlike a busy script).
/// With <c>holdAfter</c>, requests past that many are held until <see cref="Release"/>: a test
/// knows which nodes are in flight when it kills their worker.
/// </summary>
public sealed class SlowHttpPeer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _holdAfter;
    private int _requests;

    public SlowHttpPeer(TimeSpan delay, int holdAfter = int.MaxValue)
    {
        _holdAfter = holdAfter;
        _listener.Start();
        _ = AcceptAsync(delay);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/slow");

    /// <summary>Requests received (headers read), answered or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers the held requests and every later one.</summary>
    public void Release() => _released.TrySetResult();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync(TimeSpan delay)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(client, delay);
        }
    }

    private async Task AnswerAsync(TcpClient client, TimeSpan delay)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[8192];
                var seen = new StringBuilder();
                while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                if (Interlocked.Increment(ref _requests) > _holdAfter)
                {
                    await _released.Task.WaitAsync(_stop.Token);
                }

                await Task.Delay(delay, _stop.Token);
                const string body = "{\"slow\":\"done\"}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The test is over, or the worker was frozen and gave up.
            }
        }
    }
}
