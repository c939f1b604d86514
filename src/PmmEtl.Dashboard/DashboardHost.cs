using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PmmEtl.Jobs.Definitions;
using PmmEtl.Jobs.Operations;
using Serilog;

namespace PmmEtl.Dashboard;

/// <summary>
/// The web side of <c>pmm-etl serve --dashboard</c>: Hangfire's dashboard at /hangfire and the pipelines'
/// partition states, freshness and recent runs at /pmm/status (HTML) and /pmm/status.json. Every request passes,
/// in this order: the Host allow-list (400), the access rule (401/403), the cross-site guard for state-changing
/// requests (403); Hangfire's dashboard is read-only unless writes were allowed.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app) => _app = app;

    public Uri Url { get; private init; } = new("http://127.0.0.1");

    public static async Task<DashboardHost> StartAsync(DashboardSettings settings, JobStorage storage, IReadOnlyList<PipelineDefinition> pipelines,
        PipelineOperations operations, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> allowedHosts = settings.AllowedHosts;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(settings.Url.GetLeftPart(UriPartial.Authority));
        // The server owns the storage: registered as an instance, the web host neither disposes it nor makes it
        // Hangfire's global default.
        builder.Services.AddSingleton(storage);
        // Hangfire's log provider is process-wide: keep it on Serilog, not on this host's logger factory, which is
        // disposed with the host while the job servers go on logging.
        builder.Services.AddHangfire(configuration => configuration.UseSerilogLogProvider());
        // The Host allow-list: a DNS name rebound to this machine is answered 400 before any handler runs.
        builder.Services.AddHostFiltering(options =>
        {
            options.AllowedHosts = [.. allowedHosts];
            options.AllowEmptyHosts = false;
            // "Invalid Hostname" tells an operator why; an empty 400 would show as a browser error page.
            options.IncludeFailureMessage = true;
        });
        // Registered, IAntiforgery is used by Hangfire's dashboard on its own: it puts a token in every page and
        // refuses a command without it (403). The guard below asks the same of every state-changing request.
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pmm-etl.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Framing is refused on every page below, not only where a token was issued.
            options.SuppressXFrameOptionsHeader = true;
        });
        WebApplication app = builder.Build();

        app.UseHostFiltering();
        app.Use(async (context, next) =>
        {
            // No page of the dashboard may be framed by another (clickjacking a write button).
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        // One access rule in front of every page, Hangfire's included.
        app.Use(async (context, next) =>
        {
            switch (DashboardAccess.Decide(context, settings))
            {
                case AccessDecision.Allowed:
                    await next(context);
                    return;
                case AccessDecision.CredentialsRequired:
                    Refused(context, "no valid credentials");
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"pmm-etl\", charset=\"UTF-8\"";
                    return;
                default:
                    Refused(context, "not from this machine and no credentials configured");
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync(
                        $"This dashboard serves this machine only. To serve it through a proxy or beyond, set {DashboardSettings.UserVariable} and {DashboardSettings.PasswordVariable}.\n");
                    return;
            }
        });
        // Anti-forgery: Origin or Referer, Sec-Fetch-Site and the token, for every state-changing request.
        IAntiforgery antiforgery = app.Services.GetRequiredService<IAntiforgery>();
        app.Use(async (context, next) =>
        {
            if (await CrossSiteRequestGuard.RefusalAsync(context, allowedHosts, antiforgery) is { } refusal)
            {
                Refused(context, refusal);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync($"Refused: {refusal}.\n");
                return;
            }

            await next(context);
        });
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AccessFilter(settings)],
            DashboardTitle = "PmmEtl jobs",
            // Read-only hides the trigger, delete, retry and requeue buttons and makes Hangfire refuse the commands.
            IsReadOnlyFunc = _ => !settings.AllowWrites,
        }, storage);
        app.MapGet("/", () => Results.Redirect("/pmm/status"));
        app.MapGet("/pmm/status", () => Results.Content(StatusPage.Render(pipelines, operations), "text/html; charset=utf-8"));
        app.MapGet("/pmm/status.json", () => Results.Json(pipelines.Select(p => operations.Status(p)).Select(s => new
        {
            s.Pipeline,
            partitions = s.PartitionsByState,
            failed = s.Failed.Count,
            gaps = s.Gaps.Count,
            gaps_by_kind = s.GapCounts,
            first_gaps = s.GapCounts.Keys.ToDictionary(k => k, k => s.FirstGaps(k).Select(g => new { date = g.BusinessDate.ToString("uuuu-MM-dd", null), office = g.OfficeCode, record_type = g.RecordType })),
            partitions_by_type = s.PartitionsByType,
            incomplete_days = s.IncompleteDays.Count,
            dates_to_retry = s.DatesToRetry,
            last_success_by_mode = s.LastSuccessByMode.ToDictionary(m => m.Key, m => m.Value.FinishedAt?.InUtc().Date.ToString("uuuu-MM-dd", null)),
            last_success = s.LastSuccess?.RunId,
            hours_since_last_success = s.SinceLastSuccess?.TotalHours,
            newest_lodgement = s.LatestLodgement?.ToString(),
        })));

        await app.StartAsync(cancellationToken);
        string address = app.Urls.First();
        return new DashboardHost(app) { Url = new Uri(address) };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Refusals are logged (method, path, address and reason, never a credential) so that probing shows.</summary>
    private static void Refused(HttpContext context, string reason) =>
        Log.Warning("Dashboard refused {Method} {Path} from {Remote}: {Reason}",
            context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress?.ToString(), reason);

    /// <summary>Hangfire asks its own filter too; it applies the same rule.</summary>
    private sealed class AccessFilter(DashboardSettings settings) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => DashboardAccess.Allows(context.GetHttpContext(), settings);
    }
}
