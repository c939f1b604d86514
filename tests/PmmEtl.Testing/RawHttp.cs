using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace PmmEtl.Testing;

/// <summary>
/// One HTTP/1.1 request written byte for byte over TCP, so that the Host, Origin, Cookie and forwarding headers are
/// exactly those a test names (an HTTP client library would fill in or correct some of them).
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
    {
        public IEnumerable<string> All(string name) =>
            Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

        public string? Header(string name) => All(name).FirstOrDefault();
    }

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="target"/> to the server behind <paramref name="server"/>. The
    /// Host header is the server's authority unless <paramref name="headers"/> names one (an empty value leaves it out).
    /// </summary>
    public static async Task<Response> SendAsync(Uri server, string method, string target, IEnumerable<KeyValuePair<string, string>>? headers = null,
        string? formBody = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> given = [.. headers ?? []];
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\n");
        if (!given.Any(h => string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)))
        {
            request.Append(CultureInfo.InvariantCulture, $"Host: {server.Authority}\r\n");
        }

        foreach ((string name, string value) in given.Where(h => h.Value.Length > 0))
        {
            request.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        byte[] body = Encoding.UTF8.GetBytes(formBody ?? "");
        if (formBody is not null)
        {
            request.Append("Content-Type: application/x-www-form-urlencoded\r\n");
        }

        request.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync(server.Host.Trim('[', ']'), server.Port, cancellationToken);
        await using NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, cancellationToken);
        return Parse(received.ToArray());
    }

    private static Response Parse(byte[] raw)
    {
        int end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, $"not an HTTP response: {Encoding.UTF8.GetString(raw)}");
        string[] lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => KeyValuePair.Create(p[0].Trim(), p[1].Trim())).ToList();
        byte[] body = raw[(end + 4)..];
        if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return new Response(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        int at = 0;
        while (true)
        {
            int lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            string sizeLine = Encoding.ASCII.GetString(chunked, at, lineEnd - at);
            int size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
