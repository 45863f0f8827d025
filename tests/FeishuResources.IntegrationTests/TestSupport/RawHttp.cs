using System.Net.Sockets;
using System.Text;

namespace FeishuResources.IntegrationTests.TestSupport;

/// <summary>
/// Speaks HTTP/1.1 over a bare socket and returns the response head as the bytes that crossed the wire,
/// with no HttpClient decoding in between.
/// </summary>
public static class RawHttp
{
    public static async Task<byte[]> GetResponseHeadAsync(Uri baseAddress, string pathAndQuery, params string[] extraHeaders)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        NetworkStream stream = client.GetStream();
        var request = new StringBuilder()
            .Append("GET ").Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(baseAddress.Authority).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (string header in extraHeaders)
        {
            request.Append(header).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));

        var head = new List<byte>();
        byte[] one = new byte[1];
        while (!EndsWithBlankLine(head) && await stream.ReadAsync(one) == 1)
        {
            head.Add(one[0]);
        }

        return head.ToArray();
    }

    public static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static bool EndsWithBlankLine(List<byte> head)
        => head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
