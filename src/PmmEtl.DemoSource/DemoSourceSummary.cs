namespace PmmEtl.DemoSource;

/// <summary>What a generation run wrote, so the pipeline's counts can be checked against it.</summary>
/// <param name="Declarations">Rows in the declaration table.</param>
/// <param name="Events">Rows in the declaration_event table.</param>
/// <param name="BadRows">Declaration rows with at least one deliberate defect (a duplicate counts once: the second copy).</param>
/// <param name="DstGapTimes">Written event times that do not exist in their office's zone (spring-forward gap).</param>
/// <param name="DstFoldTimes">Written event times that occur twice in their office's zone (fall-back fold).</param>
/// <param name="SpanningDst">Declarations of a known office whose first and last milestones lie on either side of a DST change.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record DemoSourceSummary(
    long Declarations,
    long Events,
    long BadRows,
    long DstGapTimes,
    long DstFoldTimes,
    long SpanningDst,
    TimeSpan Elapsed);
