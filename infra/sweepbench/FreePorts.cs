namespace CloudAuditor.SweepBench;

/// <summary>A free loopback port for a proxy of the bench's own.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
