using System.Text.Json;
using System.Text.Json.Serialization;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// The result of a run as written to <c>out/runs/&lt;run-id&gt;.json</c> and read back by later commands and audits:
/// the contract is docs/run-result.schema.json. Property names are written in snake case. A change that a reader of
/// the previous version could misread (a field removed, renamed or given another meaning) raises
/// <see cref="CurrentSchemaVersion"/>; a field added does not.
/// </summary>
public sealed record RunResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required string Pipeline { get; init; }

    /// <summary>succeeded, failed or skipped (see <see cref="RunStatuses"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Instants in ISO-8601 UTC (<c>2026-01-15T07:35:00Z</c>).</summary>
    public required string StartedAt { get; init; }
    public string? FinishedAt { get; init; }

    /// <summary>The window's local business dates (<c>yyyy-MM-dd</c>; the end exclusive); null for the pipeline's whole window.</summary>
    public string? WindowFrom { get; init; }
    public string? WindowTo { get; init; }

    public long RowsRead { get; init; }
    public long RowsOutsideWindow { get; init; }
    public long RowsLoaded { get; init; }
    public long RowsQuarantined { get; init; }
    public long RowsReplaced { get; init; }
    public long RecordsLoaded { get; init; }
    public long RecordsQuarantined { get; init; }

    /// <summary>Every record type the run loaded, the declaration first: its counts and why its refused records were refused.</summary>
    public IReadOnlyList<RecordLoadResult> Records { get; init; } = [];

    /// <summary>Per record type, the fields the source does not give (or gives as a date only); null when the run never described its source.</summary>
    public IReadOnlyDictionary<string, RunResultSourceFields>? SourceFields { get; init; }

    /// <summary>Codes outside a field's list that were loaded as its catch-all member (a declaration type as OTHER).</summary>
    public IReadOnlyList<RunResultOtherCode> LoadedAsOther { get; init; } = [];

    public IReadOnlyList<RunResultInputFile> InputFiles { get; init; } = [];
    public required RunResultDst Dst { get; init; }
    public required string TzdbVersion { get; init; }
    public long KpiValues { get; init; }
    public required RunResultStageMs StageMs { get; init; }

    /// <summary>The process's peak resident memory when the result was written (VmHWM): what the benchmark reports against its 1 GB limit.</summary>
    public long PeakRssBytes { get; init; }

    public IReadOnlyList<RunResultSnapshot> Snapshots { get; init; } = [];
    public string? Error { get; init; }

    /// <summary>How the file is written and read: snake case, indented, nulls written (a reader sees every field).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>Where a record type's fields come from, and which the source does not give.</summary>
public sealed record RunResultSourceFields(string From, IReadOnlyList<string> Absent, IReadOnlyList<string> DateOnly);

public sealed record RunResultOtherCode(string RecordType, string Field, string Code, long Count);

public sealed record RunResultInputFile(string Path, string Kind, string Sha256);

/// <summary>The DST policy in force and how many local times it resolved or refused.</summary>
public sealed record RunResultDst(string DstPolicy, long DstAmbiguous, long DstSkipped, long DstRejected);

/// <summary>Wall time per stage, in milliseconds.</summary>
public sealed record RunResultStageMs(long ExtractNormaliseAppend, long Merge, long Measure, long Publish);

public sealed record RunResultSnapshot(string Folder, int Version, bool Unchanged);
