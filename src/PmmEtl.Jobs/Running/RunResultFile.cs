using System.Text.Json;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;

namespace PmmEtl.Jobs.Running;

/// <summary>
/// The machine-readable result of a run, beside the snapshots (<c>out/runs/&lt;run-id&gt;.json</c>), for later commands
/// (retry, runs, audits) and for people: counts per record type with the quarantine reasons, what the source does not
/// give, the codes loaded as OTHER, DST resolutions, stage times and where the snapshots went. Written to a temporary
/// name and renamed, so a reader never sees half of it.
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
        var result = new
        {
            record.RunId,
            record.Pipeline,
            record.Status,
            StartedAt = record.StartedAt.ToString(),
            FinishedAt = record.FinishedAt?.ToString(),
            WindowFrom = record.WindowFrom?.ToString("uuuu-MM-dd", null),
            WindowTo = record.WindowTo?.ToString("uuuu-MM-dd", null),
            record.RowsRead,
            record.RowsOutsideWindow,
            record.RowsLoaded,
            record.RowsQuarantined,
            record.RowsReplaced,
            record.RecordsLoaded,
            record.RecordsQuarantined,
            // Every record type the run loaded, the declaration first: its counts and why its refused records were refused.
            Records = loads ?? [],
            // Per record type, the fields the source does not give (or gives as a date only): what they make not measurable is in the KPI notes.
            SourceFields = fields?.Types.ToDictionary(
                t => t.Key,
                t => new
                {
                    From = t.Value.Where,
                    Absent = t.Value.Type.Fields.Where((f, i) => !f.Derived && t.Value.Fields[i].Presence == FieldPresence.Absent).Select(f => f.Name),
                    DateOnly = t.Value.Type.Fields.Where((f, i) => t.Value.Fields[i].Presence == FieldPresence.DateOnly).Select(f => f.Name),
                }),
            // Codes outside a field's list that were loaded as its catch-all member (a declaration type as OTHER).
            LoadedAsOther = (unlisted ?? new Dictionary<(string, string, string), long>())
                .Select(u => new { RecordType = u.Key.Type, u.Key.Field, u.Key.Code, Count = u.Value }).OrderBy(u => u.RecordType).ThenBy(u => u.Field).ThenBy(u => u.Code),
            InputFiles = pipeline.InputFiles,
            Dst = new { record.DstPolicy, record.DstAmbiguous, record.DstSkipped, record.DstRejected },
            record.TzdbVersion,
            record.KpiValues,
            StageMs = new { ExtractNormaliseAppend = record.ExtractLoadMs, Merge = record.MergeMs, Measure = record.MeasureMs, Publish = record.PublishMs },
            // The process's peak resident memory so far (VmHWM): what the benchmark reports against its 1 GB limit.
            PeakRssBytes = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64,
            Snapshots = snapshots.Select(s => new { s.Folder, s.Version, s.Unchanged }),
            record.Error,
        };
        string temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        File.Move(temp, file, overwrite: true);
        return file;
    }
}
