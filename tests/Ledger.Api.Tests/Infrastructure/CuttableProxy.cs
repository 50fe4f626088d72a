using System.Net;
using System.Net.Sockets;

namespace Ledger.Api.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port in front of the test PostgreSQL, for the tests of a database outage: the API connects
/// through it; <see cref="Cut"/> closes every relayed connection and refuses new ones, as a server that went away does
/// (the API sees resets and refused connections, not a fake), and <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly IPEndPoint _upstream;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _cut = new();

    public CuttableProxy(string upstreamHost, int upstreamPort)
    {
        var address = Dns.GetHostAddresses(upstreamHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        _upstream = new IPEndPoint(address, upstreamPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _cut.Token);
    }

    public int Port { get; }

    /// <summary>Closes every relayed connection and stops listening: the database is unreachable.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    client.Client?.LingerState = new LingerOption(true, 0); // a reset, as when a server dies
                }
                catch (ObjectDisposedException)
                {
                    // The relay closed it already.
                }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    /// <summary>Listens again on the same port: the database is back.</summary>
    public void Restore()
    {
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _cut.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient downstream;
            try
            {
                downstream = await listener.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested || listener.Server is null)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(_upstream, ct);
            }
            catch (Exception)
            {
                downstream.Dispose();
                upstream.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(downstream);
                _open.Add(upstream);
            }
            _ = RelayAsync(downstream, upstream);
        }
    }

    private static async Task RelayAsync(TcpClient a, TcpClient b)
    {
        try
        {
            await Task.WhenAny(a.GetStream().CopyToAsync(b.GetStream()), b.GetStream().CopyToAsync(a.GetStream()));
        }
        catch (Exception)
        {
            // One side closed or was cut: the other is closed below.
        }
        a.Dispose();
        b.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
