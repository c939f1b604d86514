using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Stages;

/// <summary>
/// A warehouse engine, as the pipeline sees it: migrate, load a window, aggregate for the measure stage,
/// store and read KPI values, and keep the run book. Each engine is one implementation of this.
/// </summary>
public interface IWarehouse : IDisposable
{
    string Engine { get; }

    /// <summary>Applies the engine's ordered schema scripts that are not applied yet; returns the ones applied now.</summary>
    IReadOnlyList<string> Migrate();

    /// <summary>The schema scripts not applied yet, applying none: what a command that only reads checks instead of migrating.</summary>
    IReadOnlyList<string> PendingScripts();

    void SyncOffices(IReadOnlyList<OfficeDefinition> offices);

    /// <summary>Begins the load of one record type for a run; one load at a time per warehouse.</summary>
    IRecordLoad BeginLoad(RecordSchema type, RunContext run);

    /// <summary>Replaces the category rules the seizure KPIs read (dim_seizure_category_rule).</summary>
    void SyncSeizureCategories(IReadOnlyList<SeizureCategoryRule> rules);

    /// <summary>The engine side of the measure stage, for every KPI and every record type.</summary>
    IKpiAggregator Aggregator { get; }

    IKpiValueStore ValueStore { get; }

    IKpiValueReader ValueReader { get; }

    IRunLog Runs { get; }

    IOperationsBook Operations { get; }
}

/// <summary>The run book: one record per run, written when it starts and when it ends.</summary>
public interface IRunLog
{
    void Started(RunRecord run);
    void Finished(RunRecord run);
    IReadOnlyList<RunRecord> Recent(string? pipeline, int count);

    /// <summary>The occurrence of the latest succeeded scheduled run, from which missed nights are counted.</summary>
    Instant? LastScheduledOccurrence(string pipeline);
}

public sealed record RunRecord
{
    public required string RunId { get; init; }
    public required string Pipeline { get; init; }
    public required string Status { get; init; }
    /// <summary>manual, scheduled, backfill or retry.</summary>
    public string Trigger { get; init; } = "manual";
    /// <summary>For scheduled runs: the cron occurrence the run stands for (a caught-up night keeps its own).</summary>
    public Instant? ScheduledFor { get; init; }
    public required Instant StartedAt { get; init; }
    public Instant? FinishedAt { get; init; }
    public LocalDate? WindowFrom { get; init; }
    public LocalDate? WindowTo { get; init; }
    public long RowsRead { get; init; }
    public long RowsOutsideWindow { get; init; }
    public long RowsLoaded { get; init; }
    public long RowsQuarantined { get; init; }
    public long RowsReplaced { get; init; }
    /// <summary>Register records (inspections, seizures, staff …) loaded and quarantined; not kept in the run book table.</summary>
    public long RecordsLoaded { get; init; }
    public long RecordsQuarantined { get; init; }
    public long DstAmbiguous { get; init; }
    public long DstSkipped { get; init; }
    public long DstRejected { get; init; }
    public required string DstPolicy { get; init; }
    public required string TzdbVersion { get; init; }
    public long KpiValues { get; init; }
    public long ExtractLoadMs { get; init; }
    public long MergeMs { get; init; }
    public long MeasureMs { get; init; }
    public long PublishMs { get; init; }
    public string? Error { get; init; }
}
