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
    TimeSpan Elapsed)
{
    /// <summary>One entry per register of <c>Registers.Loaded</c>, in load order; empty when registers were not generated.</summary>
    public IReadOnlyList<RegisterSummary> Registers { get; init; } = [];
}

/// <summary>What was written for one register: its national table, its rows and those with a deliberate defect.</summary>
/// <param name="Register">The canonical register (the key of its query in demo.yaml).</param>
/// <param name="Table">The national table that holds it.</param>
/// <param name="Rows">Rows in the table (for the AEO register, suspended and revoked intervals included).</param>
/// <param name="BadRows">Rows with a deliberate defect, each a row the pipeline should quarantine.</param>
/// <param name="BadRowsByKind">The same, by kind of defect.</param>
public sealed record RegisterSummary(string Register, string Table, long Rows, long BadRows, IReadOnlyDictionary<RegisterDefect, long> BadRowsByKind);

/// <summary>The deliberate defects a register row can carry, one per row, for the quarantine to show.</summary>
public enum RegisterDefect
{
    /// <summary>A national code the extraction query cannot map (or a value its field type refuses).</summary>
    BadCode,
    /// <summary>A date that is not a calendar date (30 February, month 13, a day-first format).</summary>
    BadDate,
    /// <summary>An office code that is not in the office table.</summary>
    UnknownOffice,
    /// <summary>
    /// Not planted but inherent to local times: a shipment lodged and cleared around the autumn change whose two wall
    /// times, read with the demo pipeline's DST policy (the earlier of two times in a fold, a gap time shifted forward),
    /// put clearance before lodgement. The pipeline quarantines it, naming the fold.
    /// </summary>
    DstOrder,
}
