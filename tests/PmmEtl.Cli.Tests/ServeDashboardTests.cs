using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary><c>pmm-etl serve --dashboard</c> as an operator starts it: its dashboard flags, and the errors they give.</summary>
public sealed class ServeDashboardTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory]
    [InlineData("*")]
    [InlineData("pmm.example:8443")]
    public void A_bad_host_list_exits_2_with_one_line(string hosts)
    {
        (int code, string error) = RunRefused(null, "serve", "--pipelines", _folder.Path, "--dashboard", "--dashboard-allowed-hosts", hosts);

        Assert.Equal(2, code);
        Assert.Equal($"--dashboard-allowed-hosts: '{hosts}' is not a host name or an IP address (no scheme, port or wildcard)", error.Trim());
    }

    [Fact]
    public void Listening_on_every_address_without_naming_the_hosts_exits_2()
    {
        var environment = new Dictionary<string, string> { ["PMMETL_DASHBOARD_USER"] = "ops", ["PMMETL_DASHBOARD_PASSWORD"] = "s3cret" };

        (int code, string error) = RunRefused(environment,
            "serve", "--pipelines", _folder.Path, "--dashboard", "--dashboard-url", "http://0.0.0.0:" + FreePort(), "--dashboard-allow-remote");

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--dashboard-allowed-hosts", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 401)]   // read-only by default: Hangfire refuses the command
    [InlineData(true, 204)]
    public async Task The_dashboard_is_read_only_unless_serve_is_given_dashboard_allow_writes(bool allowWrites, int triggerStatus)
    {
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        var url = new Uri("http://127.0.0.1:" + FreePort());
        List<string> args = ["serve", "--pipelines", _folder.Path, "--dashboard", "--dashboard-url", url.ToString()];
        if (allowWrites)
        {
            args.Add("--dashboard-allow-writes");
        }

        using Process serve = CliProcess.Start(_folder.Path, null, [.. args]);
        try
        {
            WaitForLine(serve, "Dashboard on", TimeSpan.FromMinutes(2));
            RawHttp.Response page = await RawHttp.SendAsync(url, "GET", "/hangfire/recurring", null, null, Ct);
            string cookie = page.All("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("pmm-etl.antiforgery=", StringComparison.Ordinal));
            string header = Regex.Match(page.Body, "<meta name=\"csrf-header\" content=\"([^\"]*)\"").Groups[1].Value;
            string token = WebUtility.HtmlDecode(Regex.Match(page.Body, "<meta name=\"csrf-token\" content=\"([^\"]*)\"").Groups[1].Value);
            RawHttp.Response trigger = await RawHttp.SendAsync(url, "POST", "/hangfire/recurring/trigger",
                [KeyValuePair.Create("Origin", url.GetLeftPart(UriPartial.Authority)), KeyValuePair.Create("Cookie", cookie), KeyValuePair.Create(header, token)],
                "jobs%5B%5D=pipeline%3Afixture", Ct);

            Assert.Equal(allowWrites, page.Body.Contains("recurring/trigger", StringComparison.Ordinal));
            Assert.Equal(triggerStatus, trigger.Status);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync(Ct);
        }
    }

    /// <summary>Runs a serve that should refuse to start; one that starts serving instead is ended, not left behind.</summary>
    private (int ExitCode, string Error) RunRefused(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using Process process = CliProcess.Start(_folder.Path, environment, args);
        Task<string> error = process.StandardError.ReadToEndAsync(Ct);
        _ = process.StandardOutput.ReadToEndAsync(Ct);
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail("pmm-etl serve started serving instead of refusing its settings");
        }

        return (process.ExitCode, error.Result);
    }

    private static void WaitForLine(Process process, string text, TimeSpan timeout)
    {
        var seen = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        });
        Assert.True(seen.Wait(timeout) && seen.Result, $"pmm-etl serve never logged '{text}'");
    }
}
