namespace PmmEtl.DemoSource.Generation;

/// <summary>The non-time columns of a declaration, as drawn (before any deliberate defect).</summary>
internal sealed record DeclarationAttributes(
    OfficeProfile Office,
    string Type,
    string? CargoDirection,
    int Mode,
    Trader Trader,
    bool Ecommerce,
    char Risk,
    char Channel,
    bool PreArrival,
    bool HasOga,
    string Submission,
    bool ImmediateRelease)
{
    /// <summary>Low-risk green e-commerce consignments are processed in minutes, not hours.</summary>
    public bool FastTrack => Ecommerce && Risk == 'L' && Channel == 'G';
}
