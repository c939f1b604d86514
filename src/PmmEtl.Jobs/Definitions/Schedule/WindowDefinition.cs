namespace PmmEtl.Jobs.Definitions.Schedule;

public enum WindowMode
{
    /// <summary>Every run reloads everything the source has (small sources, demos).</summary>
    Full,
    /// <summary>Each run loads the business dates from (today − lookback) to today in the schedule's zone.</summary>
    Nightly,
}

public sealed record WindowDefinition(WindowMode Mode, int LookbackDays);
