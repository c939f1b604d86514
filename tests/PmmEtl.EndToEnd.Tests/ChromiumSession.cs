using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol: navigate, run a script in the page, read what it
/// shows, the way a user's browser would (cookies, Origin, Sec-Fetch-* and all). A fresh empty profile each time.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private ChromiumSession(Process process, ClientWebSocket socket)
    {
        _process = process;
        _socket = socket;
    }

    public static string? Find() => Candidates.FirstOrDefault(File.Exists);

    /// <param name="hostRules">Chromium's --host-resolver-rules, e.g. "MAP evil.example 127.0.0.1", so a test can give a page a foreign name.</param>
    public static async Task<ChromiumSession> StartAsync(string chromium, string workFolder, string? hostRules, CancellationToken cancellationToken)
    {
        string profile = Path.Combine(workFolder, "chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        List<string> arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-proxy-server", $"--user-data-dir={profile}", "--remote-debugging-port=0",
        ];
        if (hostRules is not null)
        {
            arguments.Add($"--host-resolver-rules={hostRules}");
        }

        arguments.Add("about:blank");
        arguments.ForEach(start.ArgumentList.Add);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            // Chromium writes the port it chose to DevToolsActivePort in the profile once it listens.
            string portFile = Path.Combine(profile, "DevToolsActivePort");
            var waited = Stopwatch.StartNew();
            while (!File.Exists(portFile) || File.ReadAllText(portFile).Split('\n')[0].Trim().Length == 0)
            {
                if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"chromium did not open its DevTools port (exited: {process.HasExited})");
                }

                await Task.Delay(100, cancellationToken);
            }

            string port = File.ReadAllText(portFile).Split('\n')[0].Trim();
            using var http = new HttpClient(new HttpClientHandler { UseProxy = false });
            JsonElement[] targets = (await http.GetFromJsonAsync<JsonElement[]>($"http://127.0.0.1:{port}/json/list", cancellationToken))!;
            string page = targets.First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(page), cancellationToken);
            var session = new ChromiumSession(process, socket);
            // Extra headers apply only while the network domain is on.
            await session.SendAsync("Network.enable", new { }, cancellationToken);
            return session;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sends these headers with every request the page makes, as a browser does with credentials it has cached.</summary>
    public Task SetHeadersAsync(IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken) =>
        SendAsync("Network.setExtraHTTPHeaders", new { headers }, cancellationToken);

    public Task NavigateAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync("Page.navigate", new { url = url.ToString() }, cancellationToken);

    /// <summary>The address and load state of the page, as last seen by <see cref="WaitForPageAsync"/> (for failure messages).</summary>
    public string? LastSeen { get; private set; }

    /// <summary>Waits until the page shown is at <paramref name="prefix"/> and loaded; false after the timeout.</summary>
    public async Task<bool> WaitForPageAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            string? state = await TryEvaluateAsync("location.href + ' ' + document.readyState", cancellationToken);
            LastSeen = state ?? LastSeen;
            if (state is not null && state.StartsWith(prefix, StringComparison.Ordinal) && state.EndsWith(" complete", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    /// <summary>Runs <paramref name="expression"/> in the page (a promise is awaited) and returns its value as text.</summary>
    public async Task<string> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        JsonElement result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, cancellationToken);
        if (result.TryGetProperty("exceptionDetails", out JsonElement exception))
        {
            throw new InvalidOperationException($"the page's script failed: {exception}");
        }

        JsonElement value = result.GetProperty("result");
        return value.TryGetProperty("value", out JsonElement v) ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()) : "";
    }

    /// <summary>As <see cref="EvaluateAsync"/>, but null while the page is between two documents.</summary>
    private async Task<string?> TryEvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        try
        {
            return await EvaluateAsync(expression, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<JsonElement> SendAsync(string method, object parameters, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        while (true)
        {
            using JsonDocument reply = JsonDocument.Parse(await ReceiveAsync(cancellationToken));
            // Events (no id) and answers to nothing asked here are skipped.
            if (!reply.RootElement.TryGetProperty("id", out JsonElement replyId) || replyId.GetInt32() != id)
            {
                continue;
            }

            if (reply.RootElement.TryGetProperty("error", out JsonElement error))
            {
                throw new InvalidOperationException($"{method}: {error}");
            }

            return reply.RootElement.GetProperty("result").Clone();
        }
    }

    private async Task<string> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult part;
        do
        {
            part = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (part.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("chromium closed the DevTools connection");
            }

            message.Write(buffer, 0, part.Count);
        }
        while (!part.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var close = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, close.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The browser is ended below either way.
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
