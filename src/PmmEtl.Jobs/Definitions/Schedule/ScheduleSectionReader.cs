using Cronos;
using NodaTime;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Definitions;

namespace PmmEtl.Jobs.Definitions.Schedule;

/// <summary>
/// Reads <c>schedule:</c>: a cron expression (five fields, or six with seconds) parsed as the scheduler will, the IANA
/// zone it runs in, and what to do about missed nights (<c>catch_up</c>).
/// </summary>
internal static class ScheduleSectionReader
{
    public static ScheduleDefinition? Read(YamlNodeReader? s)
    {
        if (s is null)
        {
            return null;
        }

        s.OnlyKeys("cron", "time_zone", "catch_up");
        string? cron = s.String("cron", required: true);
        if (cron is not null)
        {
            try
            {
                CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException e)
            {
                s.Problem(s.Get("cron"), "cron", $"not a cron expression: {e.Message}");
            }
        }

        string? zoneId = s.String("time_zone", required: true);
        DateTimeZone? zone = null;
        if (zoneId is not null && !Tzdb.TryGetZone(zoneId, out zone))
        {
            s.Problem(s.Get("time_zone"), "time_zone", $"'{zoneId}' is not an IANA time zone");
        }

        string catchUp = s.String("catch_up", required: false) ?? "all";
        CatchUpPolicy policy = catchUp switch
        {
            "all" => CatchUpPolicy.All,
            "latest" => CatchUpPolicy.Latest,
            _ => s.UnknownPolicy("catch_up", catchUp, "all or latest", CatchUpPolicy.All),
        };
        return cron is null || zone is null ? null : new ScheduleDefinition(cron, zone, policy);
    }
}
