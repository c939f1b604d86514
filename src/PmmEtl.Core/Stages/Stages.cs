using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;

namespace PmmEtl.Core.Stages;

/// <summary>Identity of one run; every log line, warehouse row and manifest of the run carries its id.</summary>
public sealed record RunContext(string RunId, string Pipeline, Instant StartedAt, ExtractWindow Window);

/// <summary>
/// Extract: streams one record type's raw records for a window (dated types) or whole (undated ones), one at a time.
/// One interface for every record type and every source kind (SQL queries, CSV exports, WCO DM messages); nothing
/// holds a whole table.
/// </summary>
public interface IRecordSource
{
    /// <summary>The record types this source gives (those with a query, files or messages), in load order; others are absent.</summary>
    IReadOnlyList<RecordSchema> Available { get; }

    /// <summary>
    /// Where each field of a type comes from, and whether the source gives it with its time of day, a date only, or not
    /// at all: from the mapping, and where the mapping cannot tell (a query's columns), from the source's own description
    /// of its columns, read without reading rows. A mapping a type cannot be read with (a time field from a date column)
    /// fails here, naming the key.
    /// </summary>
    RecordMapping Describe(RecordSchema type);

    IEnumerable<RawRecord> Read(RecordSchema type, ExtractWindow window, CancellationToken cancellationToken);
}

/// <summary>
/// Normalise: turns one raw record into a typed one, or says why it cannot (every problem at once). One serves a whole
/// run, so what it met on the way (DST resolutions, codes loaded as OTHER) is the run's, for the run result.
/// </summary>
public interface IRecordNormaliser
{
    NormaliseResult Normalise(RawRecord raw);

    /// <summary>How the local times normalised so far were resolved: ambiguous, skipped or rejected by the DST policy.</summary>
    DstResolutionCounts DstCounts { get; }

    /// <summary>Codes outside a field's list that were loaded as its catch-all member (OTHER), by type, field and code.</summary>
    IReadOnlyDictionary<(string Type, string Field, string Code), long> Unlisted { get; }
}

public readonly record struct NormaliseResult(RecordRow? Record, QuarantineEntry? Quarantine);

/// <summary>
/// Load for one record type: nothing is visible until <see cref="Commit"/>, which replaces the window's records of a
/// dated type (and any record whose key was read again) or the whole of an undated one, in one transaction. The first
/// record of a key wins; later ones are quarantined naming the kept row.
/// </summary>
public interface IRecordLoad : IDisposable
{
    void Add(RecordRow record);

    /// <summary>
    /// A valid record the source gave with a business date outside the run's window (a file source gives everything):
    /// not loaded, but its key is remembered, in order with <see cref="Add"/>, so that a copy of it read later inside
    /// the window is settled as a full run settles it (the first copy is kept) instead of being taken for a record that
    /// moved into the window.
    /// </summary>
    void Outside(RecordRow record);

    void Quarantine(QuarantineEntry entry);
    LoadResult Commit();
}

public sealed record LoadResult(long Loaded, long Quarantined, long Replaced, IReadOnlyList<int> YearsTouched)
{
    /// <summary>
    /// Of <see cref="Replaced"/>, the rows outside the window whose key the load read again inside it: records that
    /// moved into the window. A later copy of a row the warehouse keeps outside the window is quarantined instead: one
    /// read after a copy the source dates outside the window (<see cref="IRecordLoad.Outside"/>), or, on a day the
    /// source does not show, one whose kept row is dated before the window (docs/internals.md).
    /// </summary>
    public long Moved { get; init; }
}

/// <summary>Publish: writes a snapshot of KPI values somewhere readers can take it from.</summary>
public interface ISnapshotPublisher
{
    PublishedSnapshot Publish(SnapshotRequest request, IKpiValueReader values);
}
