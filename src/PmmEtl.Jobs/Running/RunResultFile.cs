using System.Text.Json;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;
using PmmEtl.Jobs.Definitions;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// The machine-readable result of a run, beside the snapshots (<c>out/runs/&lt;run-id&gt;.json</c>), for later commands
/// (retry, runs, audits) and for people: counts per record type with the quarantine reasons, what the source does not
/// give, the codes loaded as OTHER, DST resolutions, stage times and where the snapshots went. Written to a temporary
/// name and renamed, so a reader never sees half of it. Its shape is <see cref="RunResult"/>, described for other
/// readers by docs/run-result.schema.json.
/// </summary>
public static class RunResultFile
{
    public static string Write(PipelineDefinition pipeline, RunRecord record, IReadOnlyList<PublishedSnapshot> snapshots,
        IReadOnlyList<RecordLoadResult>? loads = null, SourceFields? fields = null,
        IReadOnlyDictionary<(string Type, string Field, string Code), long>? unlisted = null)
    {
        // Beside the snapshots folder, whatever the engine: out/snapshots → out/runs.
        string folder = Path.Combine(Path.GetDirectoryName(pipeline.OutputFolder) ?? pipeline.OutputFolder, "runs");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, record.RunId + ".json");
        RunResult result = Of(pipeline, record, snapshots, loads, fields, unlisted);
        string temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(result, RunResult.Json));
        File.Move(temp, file, overwrite: true);
        return file;
    }

    /// <summary>Reads a result this class wrote; throws <see cref="InvalidDataException"/> naming the file for one of another schema version.</summary>
    public static RunResult Read(string file)
    {
        RunResult result = JsonSerializer.Deserialize<RunResult>(File.ReadAllText(file), RunResult.Json)
            ?? throw new InvalidDataException($"{file}: not a run result");
        return result.SchemaVersion == RunResult.CurrentSchemaVersion
            ? result
            : throw new InvalidDataException($"{file}: run result schema version {result.SchemaVersion}; this version reads {RunResult.CurrentSchemaVersion}");
    }

    public static RunResult Of(PipelineDefinition pipeline, RunRecord record, IReadOnlyList<PublishedSnapshot> snapshots,
        IReadOnlyList<RecordLoadResult>? loads = null, SourceFields? fields = null,
        IReadOnlyDictionary<(string Type, string Field, string Code), long>? unlisted = null) => new()
    {
        RunId = record.RunId,
        Pipeline = record.Pipeline,
        Status = record.Status,
        StartedAt = record.StartedAt.ToString(),
        FinishedAt = record.FinishedAt?.ToString(),
        WindowFrom = record.WindowFrom?.ToString("uuuu-MM-dd", null),
        WindowTo = record.WindowTo?.ToString("uuuu-MM-dd", null),
        RowsRead = record.RowsRead,
        RowsOutsideWindow = record.RowsOutsideWindow,
        RowsLoaded = record.RowsLoaded,
        RowsQuarantined = record.RowsQuarantined,
        RowsReplaced = record.RowsReplaced,
        RecordsLoaded = record.RecordsLoaded,
        RecordsQuarantined = record.RecordsQuarantined,
        Records = loads ?? [],
        SourceFields = fields?.Types.ToDictionary(
            t => t.Key,
            t => new RunResultSourceFields(
                t.Value.Where,
                t.Value.Type.Fields.Where((f, i) => !f.Derived && t.Value.Fields[i].Presence == FieldPresence.Absent).Select(f => f.Name).ToArray(),
                t.Value.Type.Fields.Where((f, i) => t.Value.Fields[i].Presence == FieldPresence.DateOnly).Select(f => f.Name).ToArray())),
        LoadedAsOther = (unlisted ?? new Dictionary<(string, string, string), long>())
            .Select(u => new RunResultOtherCode(u.Key.Type, u.Key.Field, u.Key.Code, u.Value))
            .OrderBy(u => u.RecordType, StringComparer.Ordinal).ThenBy(u => u.Field, StringComparer.Ordinal).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToArray(),
        InputFiles = pipeline.InputFiles.Select(f => new RunResultInputFile(f.Path, f.Kind, f.Sha256)).ToArray(),
        Dst = new RunResultDst(record.DstPolicy, record.DstAmbiguous, record.DstSkipped, record.DstRejected),
        TzdbVersion = record.TzdbVersion,
        KpiValues = record.KpiValues,
        StageMs = new RunResultStageMs(record.ExtractLoadMs, record.MergeMs, record.MeasureMs, record.PublishMs),
        PeakRssBytes = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64,
        Snapshots = snapshots.Select(s => new RunResultSnapshot(s.Folder, s.Version, s.Unchanged)).ToArray(),
        Error = record.Error,
    };
}
