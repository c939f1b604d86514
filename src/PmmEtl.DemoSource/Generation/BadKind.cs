namespace PmmEtl.DemoSource.Generation;

/// <summary>The deliberate defects a declaration row can carry, one per row.</summary>
internal enum BadKind : byte
{
    None,
    ReleaseBeforeArrival,
    UnknownOffice,
    UnparsableTime,
    MissingLodgement,
    Duplicate,
}
