using System.Net;
using System.Net.Sockets;

namespace ShortScience.Testing;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (the OS picked it; nothing listens there now).</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// A loopback port held bound but not listening while this lives: a connection to it is refused, and no other server
/// can take it meanwhile (a port that was merely free a moment ago can be, by a host another test starts).
/// </summary>
public sealed class ClosedPort : IDisposable
{
    readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
