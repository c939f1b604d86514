using PmmEtl.Dashboard;
using static PmmEtl.EndToEnd.Tests.TestDashboard;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The dashboard's defences, request by request over raw HTTP: who gets in (a reverse proxy on this machine makes
/// every remote request arrive from loopback), which Host names it answers, and which requests may change anything.
/// Each state-changing request carries the body of a real Hangfire command, so "nothing changed" is checked in the
/// job storage itself: no job enqueued, the schedule still there.
/// </summary>
public sealed class DashboardHttpTests : IDisposable
{
    private const string Command = "jobs%5B%5D=pipeline%3Afixture";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<RawHttp.Response> Get(TestDashboard dashboard, string path, params KeyValuePair<string, string>[] headers) =>
        RawHttp.SendAsync(dashboard.Url, "GET", path, headers, null, Ct);

    private static Task<RawHttp.Response> Post(TestDashboard dashboard, string path, params KeyValuePair<string, string>[] headers) =>
        RawHttp.SendAsync(dashboard.Url, "POST", path, headers, Command, Ct);

    [Theory]
    [InlineData("/hangfire", "X-Forwarded-For", "203.0.113.9")]
    [InlineData("/pmm/status.json", "X-Forwarded-For", "203.0.113.9")]
    [InlineData("/pmm/status.json", "Forwarded", "for=203.0.113.9;proto=https")]
    [InlineData("/pmm/status.json", "X-Real-IP", "203.0.113.9")]
    public async Task Without_credentials_a_request_a_reverse_proxy_forwarded_to_loopback_is_refused(string path, string header, string value)
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(), Ct);

        RawHttp.Response direct = await Get(dashboard, path);
        RawHttp.Response proxied = await Get(dashboard, path, H(header, value));

        Assert.Equal(200, direct.Status); // on this machine, no proxy: still served without credentials
        Assert.Equal(403, proxied.Status);
        Assert.Contains(DashboardSettings.UserVariable, proxied.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("pipeline", proxied.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/hangfire", false, null)]
    [InlineData("/pmm/status.json", false, null)]   // loopback is no exemption once credentials are set
    [InlineData("/pmm/status", true, null)]         // proxied, no credentials
    [InlineData("/pmm/status.json", true, "ops:wrong")]
    [InlineData("/pmm/status.json", true, "ops:s3cre")]   // a prefix of the password
    [InlineData("/pmm/status.json", true, "ops:s3cretX")] // the password and more
    [InlineData("/pmm/status.json", false, "OPS:s3cret")]
    [InlineData("/hangfire", true, "ops:")]
    public async Task Once_credentials_are_configured_a_request_without_them_gets_401_wherever_it_comes_from(string path, bool proxied, string? credentials)
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(user: "ops", password: "s3cret"), Ct);
        List<KeyValuePair<string, string>> headers = [];
        if (proxied)
        {
            headers.Add(H("X-Forwarded-For", "203.0.113.9"));
        }

        if (credentials is not null)
        {
            headers.Add(Basic(credentials));
        }

        RawHttp.Response response = await Get(dashboard, path, [.. headers]);

        Assert.Equal(401, response.Status);
        Assert.StartsWith("Basic realm=\"pmm-etl\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.DoesNotContain("pipeline", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_credentials_are_configured_they_open_every_page_and_nothing_else_does()
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(user: "ops", password: "s3cret"), Ct);
        var proxied = H("X-Forwarded-For", "203.0.113.9");
        var right = Basic("ops:s3cret");

        Assert.Equal(401, (await Get(dashboard, "/pmm/status.json")).Status);
        Assert.Equal(200, (await Get(dashboard, "/pmm/status.json", right)).Status);
        Assert.Equal(200, (await Get(dashboard, "/pmm/status.json", proxied, right)).Status);
        Assert.Equal(200, (await Get(dashboard, "/pmm/status", proxied, right)).Status);
        Assert.Equal(200, (await Get(dashboard, "/hangfire/recurring", proxied, right)).Status);
    }

    /// <summary>
    /// The status after a full load of the fixture (a sparse year): gaps counted by kind, none "not loaded", the first
    /// of each kind listed, and the last successful run of each window mode, in the JSON and on the page.
    /// </summary>
    [Fact]
    public async Task The_status_gives_gap_counts_by_kind_and_the_last_success_of_each_window_mode()
    {
        File.WriteAllText(_folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        FixtureSource.Write(_folder.File("source.sqlite"), FixtureSource.Rows);
        var runner = new PmmEtl.Jobs.Running.PipelineRunner(NodaTime.SystemClock.Instance, Serilog.Core.Logger.None, PipelineHarness.Stages);
        runner.Run(PmmEtl.Jobs.Definitions.PipelineDefinitionLoader.Load(_folder.File("fixture.yaml")), new PmmEtl.Jobs.Running.RunOptions(), Ct);
        string today = NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date.ToString("uuuu-MM-dd", null);
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(), Ct);

        RawHttp.Response json = await Get(dashboard, "/pmm/status.json");
        RawHttp.Response page = await Get(dashboard, "/pmm/status");

        Assert.Equal(200, json.Status);
        Assert.Contains("\"gaps_by_kind\":{\"not_loaded\":0,\"empty\":", json.Body, StringComparison.Ordinal);
        Assert.Contains("\"first_gaps\":{\"not_loaded\":[],\"empty\":[{\"date\":", json.Body, StringComparison.Ordinal);
        Assert.Contains($"\"last_success_by_mode\":{{\"full\":\"{today}\"}}", json.Body, StringComparison.Ordinal);
        Assert.Contains($"last successful run by window mode: full {today}", page.Body, StringComparison.Ordinal);
        Assert.Contains("not_loaded 0", page.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]        // DNS rebinding: a foreign name resolved to this machine, same port
    [InlineData("127.0.0.1.evil.example:{port}")]
    [InlineData("localhost.evil.example:{port}")]
    [InlineData("10.0.0.5:{port}")]
    public async Task A_foreign_host_header_is_refused_before_any_handler_runs(string host)
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(allowWrites: true), Ct);
        var browser = await dashboard.OpenRecurringPageAsync([], Ct);
        string hostHeader = host.Replace("{port}", dashboard.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        RawHttp.Response status = await Get(dashboard, "/pmm/status.json", H("Host", hostHeader));
        RawHttp.Response jobs = await Get(dashboard, "/hangfire/recurring", H("Host", hostHeader));
        // Everything right (origin, cookie, token) but the Host.
        RawHttp.Response trigger = await Post(dashboard, "/hangfire/recurring/trigger", H("Host", hostHeader), H("Origin", dashboard.Url.GetLeftPart(UriPartial.Authority)),
            H("Cookie", browser.Cookie), H(browser.HeaderName, browser.Token));

        Assert.Equal(400, status.Status);
        Assert.DoesNotContain("pipeline", status.Body, StringComparison.Ordinal);
        Assert.Equal(400, jobs.Status);
        Assert.DoesNotContain(JobId, jobs.Body, StringComparison.Ordinal);
        Assert.Equal(400, trigger.Status);
        Assert.Equal(0, dashboard.Enqueued);
    }

    [Fact]
    public async Task A_loopback_dashboard_answers_to_the_loopback_names_only()
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(), Ct);
        int port = dashboard.Url.Port;

        foreach (string host in (string[])[$"127.0.0.1:{port}", $"localhost:{port}", $"LOCALHOST:{port}", $"[::1]:{port}"])
        {
            Assert.Equal((host, 200), (host, (await Get(dashboard, "/pmm/status.json", H("Host", host))).Status));
        }

        Assert.Equal(400, (await Get(dashboard, "/pmm/status.json", H("Host", "pmm.example"))).Status);
    }

    [Fact]
    public async Task A_configured_host_list_replaces_the_default_one()
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback() with { AllowedHosts = ["pmm.example"] }, Ct);

        Assert.Equal(200, (await Get(dashboard, "/pmm/status.json", H("Host", "pmm.example"))).Status);
        Assert.Equal(200, (await Get(dashboard, "/pmm/status.json", H("Host", "PMM.example:443"))).Status);
        Assert.Equal(400, (await Get(dashboard, "/pmm/status.json", H("Host", dashboard.Authority))).Status);
    }

    [Theory]
    [InlineData("/hangfire/recurring/trigger", "http://evil.example", null, false)]   // a form another site submits
    [InlineData("/hangfire/recurring/remove", "http://evil.example", null, false)]
    [InlineData("/hangfire/recurring/trigger", "http://evil.example", null, true)]    // ... while the browser holds the credentials
    [InlineData("/hangfire/recurring/remove", "http://evil.example", null, true)]
    [InlineData("/hangfire/recurring/trigger", "http://127.0.0.1.evil.example", null, false)]
    [InlineData("/hangfire/recurring/trigger", "null", null, false)]                  // an opaque origin: sandboxed frame, data: page
    [InlineData("/hangfire/recurring/trigger", null, "http://evil.example/page.html", false)] // Referer only
    [InlineData("/hangfire/recurring/trigger", null, null, false)]                    // says nothing of where it comes from
    [InlineData("/hangfire/recurring/trigger", null, null, true)]
    public async Task A_state_changing_request_from_another_site_gets_403_and_changes_nothing(string path, string? origin, string? referer, bool withCredentials)
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(allowWrites: true, user: withCredentials ? "ops" : null, password: withCredentials ? "s3cret" : null), Ct);
        List<KeyValuePair<string, string>> headers = [];
        if (origin is not null)
        {
            headers.Add(H("Origin", origin));
        }

        if (referer is not null)
        {
            headers.Add(H("Referer", referer));
        }

        if (withCredentials)
        {
            headers.Add(Basic("ops:s3cret"));
        }

        RawHttp.Response response = await Post(dashboard, path, [.. headers]);

        Assert.Equal(403, response.Status);
        Assert.StartsWith("Refused: ", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, dashboard.Enqueued);
        Assert.True(dashboard.ScheduleExists);
    }

    [Fact]
    public async Task A_page_on_another_port_of_this_host_cannot_post_either()
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(allowWrites: true), Ct);

        // The Origin names an allowed host; the browser marks the request same-site, not same-origin.
        RawHttp.Response response = await Post(dashboard, "/hangfire/recurring/trigger", H("Origin", "http://localhost:3000"), H("Sec-Fetch-Site", "same-site"));

        Assert.Equal(403, response.Status);
        Assert.Contains("Sec-Fetch-Site", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, dashboard.Enqueued);
    }

    [Fact]
    public async Task With_writes_allowed_the_dashboards_own_page_triggers_and_removes_with_its_token_and_nothing_less()
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(allowWrites: true), Ct);
        var browser = await dashboard.OpenRecurringPageAsync([], Ct);
        var own = H("Origin", dashboard.Url.GetLeftPart(UriPartial.Authority));
        var sameOrigin = H("Sec-Fetch-Site", "same-origin");

        RawHttp.Response noToken = await Post(dashboard, "/hangfire/recurring/trigger", own, sameOrigin, H("Cookie", browser.Cookie));
        RawHttp.Response noCookie = await Post(dashboard, "/hangfire/recurring/trigger", own, sameOrigin, H(browser.HeaderName, browser.Token));
        RawHttp.Response badToken = await Post(dashboard, "/hangfire/recurring/trigger", own, sameOrigin, H("Cookie", browser.Cookie), H(browser.HeaderName, browser.Token[..^4] + "AAAA"));
        long enqueuedBefore = dashboard.Enqueued;
        RawHttp.Response trigger = await Post(dashboard, "/hangfire/recurring/trigger", own, sameOrigin, H("Cookie", browser.Cookie), H(browser.HeaderName, browser.Token));
        long enqueuedAfter = dashboard.Enqueued;
        RawHttp.Response remove = await Post(dashboard, "/hangfire/recurring/remove", own, sameOrigin, H("Cookie", browser.Cookie), H(browser.HeaderName, browser.Token));

        Assert.Contains("recurring/trigger", browser.Page, StringComparison.Ordinal); // the buttons are offered
        Assert.Equal([403, 403, 403], [noToken.Status, noCookie.Status, badToken.Status]);
        Assert.Equal(0, enqueuedBefore);
        Assert.Equal(204, trigger.Status);
        Assert.Equal(1, enqueuedAfter);
        Assert.Equal(204, remove.Status);
        Assert.False(dashboard.ScheduleExists);
    }

    [Fact]
    public async Task By_default_the_dashboard_is_read_only_it_offers_no_write_and_refuses_one_sent_with_a_valid_token()
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(), Ct);
        var browser = await dashboard.OpenRecurringPageAsync([], Ct);
        KeyValuePair<string, string>[] valid =
            [H("Origin", dashboard.Url.GetLeftPart(UriPartial.Authority)), H("Sec-Fetch-Site", "same-origin"), H("Cookie", browser.Cookie), H(browser.HeaderName, browser.Token)];

        RawHttp.Response trigger = await Post(dashboard, "/hangfire/recurring/trigger", valid);
        RawHttp.Response remove = await Post(dashboard, "/hangfire/recurring/remove", valid);
        RawHttp.Response requeue = await Post(dashboard, "/hangfire/jobs/failed/requeue", valid);
        RawHttp.Response delete = await Post(dashboard, "/hangfire/jobs/enqueued/delete", valid);

        Assert.Contains(JobId, browser.Page, StringComparison.Ordinal);            // the schedule is shown
        Assert.DoesNotContain("recurring/trigger", browser.Page, StringComparison.Ordinal); // but no button to change it
        Assert.DoesNotContain("recurring/remove", browser.Page, StringComparison.Ordinal);
        // Hangfire's answer to a command on a read-only dashboard.
        Assert.Equal([401, 401, 401, 401], [trigger.Status, remove.Status, requeue.Status, delete.Status]);
        Assert.Equal(0, dashboard.Enqueued);
        Assert.True(dashboard.ScheduleExists);
    }

    [Theory]
    [InlineData("/hangfire/recurring")]
    [InlineData("/pmm/status")]
    public async Task No_page_may_be_framed_by_another_so_no_write_button_can_be_clickjacked(string path)
    {
        await using TestDashboard dashboard = await StartAsync(_folder, Loopback(allowWrites: true), Ct);

        RawHttp.Response page = await Get(dashboard, path);

        Assert.Equal(200, page.Status);
        Assert.Equal(["DENY"], page.All("X-Frame-Options"));
        Assert.Equal(["frame-ancestors 'none'"], page.All("Content-Security-Policy"));
    }
}
