using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PmmEtl.Core.Pipelines;
using PmmEtl.Jobs.Operations;

namespace PmmEtl.Dashboard;

/// <summary>
/// The web side of <c>pmm-etl serve --dashboard</c>: Hangfire's dashboard at /hangfire and the pipelines'
/// partition states, freshness and recent runs at /pmm/status (HTML) and /pmm/status.json.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app) => _app = app;

    public Uri Url { get; private init; } = new("http://127.0.0.1");

    public static async Task<DashboardHost> StartAsync(DashboardSettings settings, JobStorage storage, IReadOnlyList<PipelineDefinition> pipelines,
        PipelineOperations operations, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(settings.Url.GetLeftPart(UriPartial.Authority));
        // The server owns the storage: registered as an instance, the web host neither disposes it nor makes it
        // Hangfire's global default.
        builder.Services.AddSingleton(storage);
        // Hangfire's log provider is process-wide: keep it on Serilog, not on this host's logger factory, which is
        // disposed with the host while the job servers go on logging.
        builder.Services.AddHangfire(configuration => configuration.UseSerilogLogProvider());
        WebApplication app = builder.Build();

        // One access rule in front of every page, Hangfire's included.
        app.Use(async (context, next) =>
        {
            if (DashboardAccess.Allows(context, settings))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            if (settings.AllowRemote)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"pmm-etl\"";
            }
        });
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AccessFilter(settings)],
            DashboardTitle = "PmmEtl jobs",
            IsReadOnlyFunc = _ => false,
        }, storage);
        app.MapGet("/", () => Results.Redirect("/pmm/status"));
        app.MapGet("/pmm/status", () => Results.Content(StatusPage.Render(pipelines, operations), "text/html; charset=utf-8"));
        app.MapGet("/pmm/status.json", () => Results.Json(pipelines.Select(p => operations.Status(p)).Select(s => new
        {
            s.Pipeline,
            partitions = s.PartitionsByState,
            failed = s.Failed.Count,
            gaps = s.Gaps.Count,
            last_success = s.LastSuccess?.RunId,
            hours_since_last_success = s.SinceLastSuccess?.TotalHours,
            newest_lodgement = s.LatestLodgement?.ToString(),
        })));

        await app.StartAsync(cancellationToken);
        string address = app.Urls.First();
        return new DashboardHost(app) { Url = new Uri(address) };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Hangfire asks its own filter too; it applies the same rule.</summary>
    private sealed class AccessFilter(DashboardSettings settings) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => DashboardAccess.Allows(context.GetHttpContext(), settings);
    }
}
