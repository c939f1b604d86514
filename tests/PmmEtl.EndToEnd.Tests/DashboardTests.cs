using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NodaTime;
using PmmEtl.Dashboard;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;
using PmmEtl.Jobs.Scheduling;
using Serilog;
using ILogger = Serilog.ILogger;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The dashboard in a real headless browser (Debian's chromium): what an authorised user sees and can do, and what a
/// page from another site or a rebound DNS name cannot; its access rule and settings.
/// </summary>
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
        var operations = new PipelineOperations(new PipelineRunner(SystemClock.Instance, log, PipelineHarness.Stages), SystemClock.Instance, log);
        using var server = new PipelineServer(_folder.Path, operations, catchUpNow: false);
        RunSummary run = operations.RunScheduled(server.Pipelines[0], cancellationToken: TestContext.Current.CancellationToken).Single();

        await using DashboardHost host = await DashboardHost.StartAsync(new DashboardSettings(new Uri("http://127.0.0.1:0"), false, null, null),
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
    [InlineData("127.0.0.1", null, false)]   // configured credentials are asked of loopback too (a proxy there)
    [InlineData("::1", null, false)]
    [InlineData("127.0.0.1", "ops:s3cret", true)]
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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Browser()
    {
        string browser = ChromiumSession.Find() ?? "";
        Assert.SkipWhen(browser.Length == 0, "chromium is not installed (apt-get install chromium); .ci/run installs it");
        return browser;
    }

    private static string BasicHeader(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    /// <summary>Another site: one page at / on a port of its own, which the browser reaches under a foreign name.</summary>
    private static async Task<WebApplication> StartOtherSiteAsync(string html)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication site = builder.Build();
        site.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        await site.StartAsync(Ct);
        return site;
    }

    [Theory]
    [InlineData("trigger", false)]
    [InlineData("remove", false)]
    [InlineData("trigger", true)]   // the browser holds the dashboard's credentials and sends them along
    [InlineData("remove", true)]
    public async Task A_page_from_another_site_that_submits_a_form_to_the_dashboard_neither_triggers_a_run_nor_removes_the_schedule(string command, bool signedIn)
    {
        string browser = Browser();
        DashboardSettings settings = TestDashboard.Loopback(allowWrites: true, user: signedIn ? "ops" : null, password: signedIn ? "s3cret" : null);
        await using TestDashboard dashboard = await TestDashboard.StartAsync(_folder, settings, Ct);
        string target = new Uri(dashboard.Url, $"/hangfire/recurring/{command}").ToString();
        await using WebApplication otherSite = await StartOtherSiteAsync($"""
            <!doctype html><html><body>
            <form method="post" action="{target}"><input type="hidden" name="jobs[]" value="{TestDashboard.JobId}"></form>
            <script>document.forms[0].submit()</script>
            </body></html>
            """);
        var attackPage = new UriBuilder(otherSite.Urls.First()) { Host = "evil.example" }.Uri;
        await using ChromiumSession chromium = await ChromiumSession.StartAsync(browser, _folder.Path, "MAP evil.example 127.0.0.1", Ct);
        if (signedIn)
        {
            await chromium.SetHeadersAsync(new Dictionary<string, string> { ["Authorization"] = BasicHeader("ops:s3cret") }, Ct);
        }

        await chromium.NavigateAsync(attackPage, Ct);
        // The submitted form navigates the browser to the dashboard's answer; a 204 would leave it where it was.
        bool answered = await chromium.WaitForPageAsync(target, TimeSpan.FromSeconds(30), Ct);
        string shown = answered ? await chromium.EvaluateAsync("document.body.innerText", Ct) : "";

        Assert.Equal(0, dashboard.Enqueued);
        Assert.True(dashboard.ScheduleExists);
        Assert.True(answered, "the browser never showed the dashboard's answer to the form");
        Assert.StartsWith("Refused: ", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dns_name_rebound_to_the_dashboards_address_gets_no_page_in_the_browser()
    {
        string browser = Browser();
        await using TestDashboard dashboard = await TestDashboard.StartAsync(_folder, TestDashboard.Loopback(), Ct);
        var own = new Uri(dashboard.Url, "/pmm/status.json");
        var rebound = new UriBuilder(own) { Host = "rebound.example" }.Uri;
        await using ChromiumSession chromium = await ChromiumSession.StartAsync(browser, _folder.Path, "MAP rebound.example 127.0.0.1", Ct);
        const string StatusAndText = "performance.getEntriesByType('navigation')[0].responseStatus + ' ' + document.body.innerText";

        await chromium.NavigateAsync(own, Ct);
        Assert.True(await chromium.WaitForPageAsync(own.ToString(), TimeSpan.FromSeconds(30), Ct), chromium.LastSeen);
        string ownPage = await chromium.EvaluateAsync(StatusAndText, Ct);
        await chromium.NavigateAsync(rebound, Ct);
        Assert.True(await chromium.WaitForPageAsync(rebound.ToString(), TimeSpan.FromSeconds(30), Ct), chromium.LastSeen);
        string reboundPage = await chromium.EvaluateAsync(StatusAndText, Ct);

        Assert.StartsWith("200 ", ownPage, StringComparison.Ordinal);
        Assert.Contains("\"pipeline\":\"fixture\"", ownPage, StringComparison.Ordinal);
        Assert.StartsWith("400 ", reboundPage, StringComparison.Ordinal);
        Assert.DoesNotContain("fixture", reboundPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorised_user_sees_the_dashboard_read_only_by_default_and_triggers_from_its_own_page_when_writes_are_allowed()
    {
        string browser = Browser();
        await using ChromiumSession chromium = await ChromiumSession.StartAsync(browser, _folder.Path, null, Ct);
        await chromium.SetHeadersAsync(new Dictionary<string, string> { ["Authorization"] = BasicHeader("ops:s3cret") }, Ct);
        const string Trigger = "button.js-jobs-list-command[data-url$='/recurring/trigger']";

        string readOnlyPage, readOnlyButtons;
        await using (TestDashboard readOnly = await TestDashboard.StartAsync(_folder, TestDashboard.Loopback(user: "ops", password: "s3cret"), Ct))
        {
            var page = new Uri(readOnly.Url, "/hangfire/recurring");
            await chromium.NavigateAsync(page, Ct);
            Assert.True(await chromium.WaitForPageAsync(page.ToString(), TimeSpan.FromSeconds(30), Ct), chromium.LastSeen);
            readOnlyPage = await chromium.EvaluateAsync("document.body.innerText", Ct);
            readOnlyButtons = await chromium.EvaluateAsync("String(document.querySelectorAll('button.js-jobs-list-command').length)", Ct);
        }

        await using TestDashboard writable = await TestDashboard.StartAsync(_folder, TestDashboard.Loopback(allowWrites: true, user: "ops", password: "s3cret"), Ct);
        var writablePage = new Uri(writable.Url, "/hangfire/recurring");
        await chromium.NavigateAsync(writablePage, Ct);
        Assert.True(await chromium.WaitForPageAsync(writablePage.ToString(), TimeSpan.FromSeconds(30), Ct), chromium.LastSeen);
        // What a user does: tick the schedule, press "Trigger now". Hangfire's script posts with its token.
        await chromium.EvaluateAsync($$"""
            (() => {
              document.querySelector("input.js-jobs-list-checkbox[value='{{TestDashboard.JobId}}']").click();
              document.querySelector("{{Trigger}}").click();
              return "clicked";
            })()
            """, Ct);
        var waited = Stopwatch.StartNew();
        while (writable.Enqueued == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100, Ct);
        }

        Assert.Contains(TestDashboard.JobId, readOnlyPage, StringComparison.Ordinal);
        Assert.Equal("0", readOnlyButtons);
        Assert.Equal(1, writable.Enqueued);
        Assert.True(writable.ScheduleExists);
    }

    [Fact]
    public void The_host_allow_list_defaults_to_the_listening_name_and_takes_a_configured_list()
    {
        Assert.Equal(["127.0.0.1", "[::1]", "localhost"], DashboardSettings.From("http://127.0.0.1:5080", false).AllowedHosts.Order(StringComparer.Ordinal));
        Assert.Equal(["127.0.0.1", "[::1]", "localhost"], DashboardSettings.From("http://[::1]:5080", false).AllowedHosts.Order(StringComparer.Ordinal));
        Assert.Equal(["127.0.0.1", "[::1]", "localhost"], DashboardSettings.From("http://localhost:5080", false).AllowedHosts.Order(StringComparer.Ordinal));
        Assert.Equal(["pmm.example", "10.1.2.3", "[2001:db8::1]"],
            DashboardSettings.From("http://127.0.0.1:5080", false, allowedHosts: " PMM.example, 10.1.2.3,2001:db8::1").AllowedHosts);
        Assert.False(DashboardSettings.From("http://127.0.0.1:5080", false).AllowWrites);
        Assert.True(DashboardSettings.From("http://127.0.0.1:5080", false, allowWrites: true).AllowWrites);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.example.org")]
    [InlineData("pmm.example:443")]
    [InlineData("https://pmm.example")]
    [InlineData("pmm.example/hangfire")]
    public void A_host_list_entry_that_is_not_a_plain_host_name_is_refused(string entry)
    {
        var e = Assert.Throws<ArgumentException>(() => DashboardSettings.From("http://127.0.0.1:5080", false, allowedHosts: $"pmm.example,{entry}"));
        Assert.Contains("--dashboard-allowed-hosts", e.Message, StringComparison.Ordinal);
        Assert.Contains(entry, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listening_on_every_address_needs_the_host_names_clients_use()
    {
        string? user = Environment.GetEnvironmentVariable(DashboardSettings.UserVariable);
        string? password = Environment.GetEnvironmentVariable(DashboardSettings.PasswordVariable);
        try
        {
            Environment.SetEnvironmentVariable(DashboardSettings.UserVariable, "ops");
            Environment.SetEnvironmentVariable(DashboardSettings.PasswordVariable, "s3cret");

            var e = Assert.Throws<ArgumentException>(() => DashboardSettings.From("http://0.0.0.0:5080", true));
            Assert.Contains("--dashboard-allowed-hosts", e.Message, StringComparison.Ordinal);
            Assert.Equal(["pmm.example"], DashboardSettings.From("http://0.0.0.0:5080", true, allowedHosts: "pmm.example").AllowedHosts);
            Assert.Equal(["pmm.example"], DashboardSettings.From("http://pmm.example:5080", true).AllowedHosts);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DashboardSettings.UserVariable, user);
            Environment.SetEnvironmentVariable(DashboardSettings.PasswordVariable, password);
        }
    }
}
