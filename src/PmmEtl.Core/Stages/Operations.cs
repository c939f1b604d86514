using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Stages;

/// <summary>
/// The operational state a data engineer relies on: which office × business-date partitions of each record type are
/// pending, running, done or failed (with the run and the reason), who holds a pipeline's run lock, and which runs
/// were abandoned by a process that died.
/// </summary>
public interface IOperationsBook
{
    /// <summary>
    /// Claims the pipeline for a run; returns the current holder instead when another live run has it. A holder is
    /// judged alive by its process on this machine (pid and host), or by its heartbeat elsewhere, never by age alone.
    /// </summary>
    LockHolder? TryLock(string pipeline, string runId, Instant now, Duration staleAfter);

    void Unlock(string pipeline, string runId);

    /// <summary>The run shows life: its row and its lock record the time, so another host does not take it for dead.</summary>
    void Heartbeat(string pipeline, string runId, Instant now);

    /// <summary>
    /// Sets every office × date partition of [from, to) of each dated type to <paramref name="state"/> for this run,
    /// one statement per type, keeping what earlier loads committed (rows and the committing run).
    /// </summary>
    void MarkWindow(string pipeline, string runId, IReadOnlyList<RecordSchema> types, LocalDate from, LocalDate to, string state, Instant now);

    /// <summary>
    /// A run that measures and publishes what other runs loaded (after a backfill) takes over the done partitions of
    /// [from, to): if it fails or is killed, retry finds them through it.
    /// </summary>
    void Adopt(string pipeline, string runId, LocalDate from, LocalDate to, Instant now);

    /// <summary>Moves this run's partitions still in <paramref name="fromState"/> to <paramref name="toState"/>.</summary>
    void Settle(string pipeline, string runId, string fromState, string toState, string? error, Instant now);

    /// <summary>
    /// Runs of the pipeline (every pipeline when null) still 'running' whose holder is dead, with why: judged by pid and
    /// host on this machine, by the heartbeat (older than <paramref name="silentAfter"/>) for a run of another host.
    /// Reads only, so a command that only shows (status) can show them as they will be marked.
    /// </summary>
    IReadOnlyList<DeadRun> DeadRuns(string? pipeline, Instant now, Duration silentAfter);

    /// <summary>The <see cref="DeadRuns"/> become 'abandoned', and their uncommitted partitions failed; returns their run ids.</summary>
    IReadOnlyList<string> AbandonDeadRuns(string? pipeline, Instant now, Duration silentAfter);

    /// <summary>Every record type's partitions of the pipeline.</summary>
    IReadOnlyList<PartitionState> Partitions(string pipeline);

    /// <summary>
    /// The business dates retry re-runs: those with a failed partition, and those whose partitions belong to a run that
    /// failed or was abandoned after its loads committed (at measure or publish) and that no later run re-covered.
    /// </summary>
    IReadOnlyList<LocalDate> DatesToRetry(string pipeline);

    /// <summary>The latest lodgement instant loaded for the pipeline: how fresh the source is.</summary>
    Instant? LatestLodgement();
}

public sealed record LockHolder(string RunId, Instant Since, string? Host = null, int? ProcessId = null, Instant? Heartbeat = null);

/// <summary>
/// One record type's state for one office × business date. <paramref name="CommittedRun"/> is the run whose load last
/// committed it (null: never loaded); <paramref name="OfficeCode"/> is '*' for a type without an office field.
/// </summary>
public sealed record PartitionState(string OfficeCode, LocalDate BusinessDate, string State, string RunId, long RowsLoaded, string? Error, Instant UpdatedAt)
{
    public string RecordType { get; init; } = RecordTypes.Declaration.Name;

    public string? CommittedRun { get; init; }
}

public static class PartitionStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>The office code of a type without an office field: its partitions stand for every office.</summary>
    public const string AllOffices = "*";
}

/// <summary>A run still marked 'running' whose holder is gone, and the reason it is judged so ("abandoned: its process 4242 on host is gone").</summary>
public sealed record DeadRun(string RunId, string Pipeline, string Why);
