using NodaTime;
using PmmEtl.Core.Pipelines;

namespace PmmEtl.Jobs.Running;

/// <summary>How to run a pipeline once: which window, why, and which stages.</summary>
public sealed record RunOptions
{
    /// <summary>Null: the pipeline's default (full, or the nightly lookback of <see cref="ScheduledFor"/> or now).</summary>
    public ExtractWindow? Window { get; init; }

    /// <summary>manual, scheduled, backfill or retry.</summary>
    public string Trigger { get; init; } = "manual";

    /// <summary>The cron occurrence a scheduled run stands for; its nightly window is computed from it, not from now.</summary>
    public Instant? ScheduledFor { get; init; }

    /// <summary>Backfill loads day by day and measures once at the end.</summary>
    public bool Measure { get; init; } = true;

    public bool Publish { get; init; } = true;
}

public static class RunStatuses
{
    /// <summary>Started and not finished: in progress, or its process died and the next run, retry or backfill marks it abandoned.</summary>
    public const string Running = "running";

    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>Left "running" by a process that died (killed, power cut): marked so by the next run, retry or backfill; status shows it so.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>The source has had no new records for longer than the pipeline allows.</summary>
public sealed class StaleSourceException(string message) : Exception(message);
