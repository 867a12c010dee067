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
