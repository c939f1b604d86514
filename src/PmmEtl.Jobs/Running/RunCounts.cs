using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;

namespace PmmEtl.Jobs.Running;

/// <summary>The run book's counts of a run's loads: declarations as rows, every other type as records, and the run's DST resolutions.</summary>
internal static class RunCounts
{
    public static RunRecord WithLoads(RunRecord record, IReadOnlyList<RecordLoadResult> loads, DstResolutionCounts dst)
    {
        RecordLoadResult? declarations = loads.FirstOrDefault(l => l.RecordType == RecordTypes.Declaration.Name);
        IEnumerable<RecordLoadResult> registers = loads.Where(l => l.RecordType != RecordTypes.Declaration.Name);
        return record with
        {
            RowsRead = declarations?.Read ?? 0,
            RowsOutsideWindow = declarations?.OutsideWindow ?? 0,
            RowsLoaded = declarations?.Loaded ?? 0,
            RowsQuarantined = declarations?.Quarantined ?? 0,
            RowsReplaced = declarations?.Replaced ?? 0,
            RecordsLoaded = registers.Sum(r => r.Loaded),
            RecordsQuarantined = registers.Sum(r => r.Quarantined),
            DstAmbiguous = dst.Ambiguous,
            DstSkipped = dst.Skipped,
            DstRejected = dst.Rejected,
            ExtractLoadMs = loads.Sum(l => l.ExtractMs),
            MergeMs = loads.Sum(l => l.MergeMs),
        };
    }
}
