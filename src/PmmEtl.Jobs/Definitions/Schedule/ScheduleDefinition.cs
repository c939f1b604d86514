using NodaTime;

namespace PmmEtl.Jobs.Definitions.Schedule;

public sealed record ScheduleDefinition(string Cron, DateTimeZone TimeZone, CatchUpPolicy CatchUp = CatchUpPolicy.All);

/// <summary>What a scheduled run does about nights missed while no server ran.</summary>
public enum CatchUpPolicy
{
    /// <summary>One run per missed occurrence, oldest first, each with its own scheduled date.</summary>
    All,
    /// <summary>Only the latest occurrence (the lookback still re-reads recent days).</summary>
    Latest,
}
