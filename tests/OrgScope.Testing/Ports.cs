using System.Net;
using System.Net.Sockets;

namespace OrgScope.Testing;

/// <summary>Ports for tests that need a server that is not there.</summary>
public static class Ports
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on (bound, then released).</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
