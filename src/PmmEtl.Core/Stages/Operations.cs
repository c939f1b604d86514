using NodaTime;

namespace PmmEtl.Core.Stages;

/// <summary>
/// The operational state a data engineer relies on: which office × business-date partitions are pending,
/// running, done or failed (with the run and the reason), and who holds a pipeline's run lock.
/// </summary>
public interface IOperationsBook
{
    /// <summary>Claims the pipeline for a run; returns the current holder instead when another live run has it.</summary>
    LockHolder? TryLock(string pipeline, string runId, Instant now, Duration staleAfter);

    void Unlock(string pipeline, string runId);

    /// <summary>Sets every office × date partition of [from, to) to <paramref name="state"/> for this run.</summary>
    void MarkWindow(string pipeline, string runId, LocalDate from, LocalDate to, string state, Instant now);

    /// <summary>Moves this run's partitions still in <paramref name="fromState"/> to <paramref name="toState"/>.</summary>
    void Settle(string pipeline, string runId, string fromState, string toState, string? error, Instant now);

    IReadOnlyList<PartitionState> Partitions(string pipeline);

    /// <summary>The latest lodgement instant loaded for the pipeline: how fresh the source is.</summary>
    Instant? LatestLodgement();
}

public sealed record LockHolder(string RunId, Instant Since, string? Host = null, int? ProcessId = null);

public sealed record PartitionState(string OfficeCode, LocalDate BusinessDate, string State, string RunId, long RowsLoaded, string? Error, Instant UpdatedAt);

public static class PartitionStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
