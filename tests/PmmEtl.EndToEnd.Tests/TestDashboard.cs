using System.Text;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using NodaTime;
using PmmEtl.Dashboard;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;
using PmmEtl.Jobs.Running;
using PmmEtl.Jobs.Scheduling;
using Serilog;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The real dashboard over in-memory job storage holding the fixture pipeline's recurring job, with no job server,
/// so that a trigger only enqueues a job and the test can see whether one was enqueued and whether the schedule is
/// still there.
/// </summary>
public sealed class TestDashboard : IAsyncDisposable
{
    public const string JobId = "pipeline:fixture";

    private readonly DashboardHost _host;
    private readonly JobStorage _storage;

    private TestDashboard(DashboardHost host, JobStorage storage)
    {
        _host = host;
        _storage = storage;
    }

    public Uri Url => _host.Url;

    /// <summary>The host and port of <see cref="Url"/>, as a browser would put them in the Host header.</summary>
    public string Authority => Url.Authority;

    public static DashboardSettings Loopback(bool allowWrites = false, string? user = null, string? password = null) =>
        new(new Uri("http://127.0.0.1:0"), AllowRemote: false, user, password) { AllowWrites = allowWrites };

    public static async Task<TestDashboard> StartAsync(TempFolder folder, DashboardSettings settings, CancellationToken cancellationToken)
    {
        File.WriteAllText(folder.File("fixture.yaml"), FixtureSource.PipelineYaml());
        JobStorage storage = JobStorageSettings.InMemory.Create();
        IReadOnlyList<PipelineDefinition> pipelines = PipelineSchedule.RegisterAll(new RecurringJobManager(storage), folder.Path);
        ILogger log = new LoggerConfiguration().CreateLogger();
        var operations = new PipelineOperations(new PipelineRunner(SystemClock.Instance, log, PipelineHarness.Stages), SystemClock.Instance, log);
        DashboardHost host = await DashboardHost.StartAsync(settings, storage, pipelines, operations, cancellationToken);
        return new TestDashboard(host, storage);
    }

    /// <summary>Jobs waiting in a queue: a trigger from the dashboard puts one there.</summary>
    public long Enqueued => _storage.GetMonitoringApi().GetStatistics().Enqueued;

    public bool ScheduleExists
    {
        get
        {
            using IStorageConnection connection = _storage.GetConnection();
            return connection.GetRecurringJobs().Any(j => j.Id == JobId && !j.Removed);
        }
    }

    public static KeyValuePair<string, string> H(string name, string value) => KeyValuePair.Create(name, value);

    public static KeyValuePair<string, string> Basic(string credentials) =>
        H("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

    /// <summary>
    /// What a user's browser holds after opening /hangfire/recurring: the anti-forgery cookie and the token with the
    /// header name Hangfire's page script sends it in (its csrf-header and csrf-token meta tags).
    /// </summary>
    public async Task<(string Cookie, string HeaderName, string Token, string Page)> OpenRecurringPageAsync(
        IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        RawHttp.Response page = await RawHttp.SendAsync(Url, "GET", "/hangfire/recurring", headers, null, cancellationToken);
        Assert.Equal(200, page.Status);
        string cookie = page.All("Set-Cookie").Select(c => c.Split(';')[0]).SingleOrDefault(c => c.StartsWith("pmm-etl.antiforgery=", StringComparison.Ordinal)) ?? "";
        string header = MetaContent(page.Body, "csrf-header");
        string token = MetaContent(page.Body, "csrf-token");
        Assert.True(cookie.Length > 0 && header.Length > 0 && token.Length > 0, "the recurring-jobs page carries no anti-forgery cookie and token");
        return (cookie, header, token, page.Body);
    }

    private static string MetaContent(string html, string name)
    {
        Match m = Regex.Match(html, $"<meta name=\"{name}\" content=\"([^\"]*)\"");
        return m.Success ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : "";
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
