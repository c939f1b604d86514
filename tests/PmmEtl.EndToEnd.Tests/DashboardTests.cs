using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using NodaTime;
using PmmEtl.Dashboard;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;
using PmmEtl.Jobs.Scheduling;
using Serilog;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>The dashboard in a real headless browser (Debian's chromium), and its access rule.</summary>
public sealed class DashboardTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string? Chromium() => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private string Dom(string browser, Uri url)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={Path.Combine(_folder.Path, "chromium-" + Guid.NewGuid().ToString("N"))}", "--dump-dom", url.ToString()])
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        Task<string> dom = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(90)), "chromium did not finish");
        return dom.Result;
    }

    [Fact]
    public async Task The_status_page_and_the_hangfire_dashboard_show_the_runs_the_test_caused()
    {
        string browser = Chromium() ?? "";
        Assert.SkipWhen(browser.Length == 0, "chromium is not installed (apt-get install chromium); .ci/run installs it");

        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        ILogger log = new LoggerConfiguration().CreateLogger();
        var operations = new PipelineOperations(new PipelineRunner(SystemClock.Instance, log), SystemClock.Instance, log);
        using var server = new PipelineServer(_folder.Path, operations, catchUpNow: false);
        RunSummary run = operations.RunScheduled(server.Pipelines[0], cancellationToken: TestContext.Current.CancellationToken).Single();

        await using DashboardHost host = await DashboardHost.StartAsync(DashboardSettings.From("http://127.0.0.1:0", false),
            server.Storage, server.Pipelines, operations, TestContext.Current.CancellationToken);

        string status = Dom(browser, new Uri(host.Url, "/pmm/status"));
        Assert.Contains(run.Run.RunId, status, StringComparison.Ordinal);
        Assert.Contains("done", status, StringComparison.Ordinal);
        Assert.Contains("succeeded", status, StringComparison.Ordinal);

        string recurring = Dom(browser, new Uri(host.Url, "/hangfire/recurring"));
        Assert.Contains("pipeline:fixture", recurring, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://192.0.2.10:5080", false)]
    [InlineData("http://0.0.0.0:5080", true)]   // allowed, but no credentials in the environment
    public void Listening_beyond_loopback_is_refused_without_permission_and_authentication(string url, bool allowRemote)
    {
        Environment.SetEnvironmentVariable(DashboardSettings.UserVariable, null);
        var e = Assert.Throws<ArgumentException>(() => DashboardSettings.From(url, allowRemote));
        Assert.Contains(DashboardSettings.PasswordVariable, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("192.0.2.10", null, false)]
    [InlineData("192.0.2.10", "ops:wrong", false)]
    [InlineData("192.0.2.10", "ops:s3cret", true)]
    public void A_remote_request_needs_the_configured_credentials(string remote, string? credentials, bool allowed)
    {
        var settings = new DashboardSettings(new Uri("http://0.0.0.0:5080"), AllowRemote: true, User: "ops", Password: "s3cret");
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (credentials is not null)
        {
            http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials));
        }

        Assert.Equal(allowed, DashboardAccess.Allows(http, settings));
        Assert.False(DashboardAccess.Allows(http, settings with { AllowRemote = false }) && remote.StartsWith("192", StringComparison.Ordinal));
    }
}
