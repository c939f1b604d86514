namespace PmmEtl.Core.Records;

/// <summary>
/// The canonical code lists. Sources map their own codes onto these; the warehouse dimensions hold
/// exactly these values, so a breakdown never shows a code that is spelled two ways.
/// </summary>
public static class Codes
{
    public static readonly IReadOnlySet<string> DeclarationTypes = Set("IMPORT", "EXPORT", "TRANSIT", "CARGO", "OTHER");
    public static readonly IReadOnlySet<string> Directions = Set("IMPORT", "EXPORT", "TRANSIT");
    public static readonly IReadOnlySet<string> TransportModes = Set("AIR", "SEA", "LAND", "RAIL", "POSTAL", "MULTIMODAL", "FIXED_INSTALLATION", "INLAND_WATERWAY", "UNKNOWN");
    public static readonly IReadOnlySet<string> ControlChannels = Set("GREEN", "YELLOW", "RED", "NII");
    public static readonly IReadOnlySet<string> RiskLevels = Set("LOW", "MEDIUM", "HIGH");

    /// <summary>Channels that are true electronic messages for K10 (e-mail and scanned uploads do not count).</summary>
    public static readonly IReadOnlySet<string> ElectronicChannels = Set("EDI", "WEB", "SINGLE_WINDOW");
    public static readonly IReadOnlySet<string> SubmissionChannels = Set("EDI", "WEB", "SINGLE_WINDOW", "EMAIL", "SCAN", "PAPER");

    /// <summary>Channels under which goods are subject to Customs control (physical examination or NII), so never "immediate" (K12).</summary>
    public static readonly IReadOnlySet<string> ControlledChannels = Set("RED", "NII");

    private static IReadOnlySet<string> Set(params string[] values) => new HashSet<string>(values, StringComparer.Ordinal);
}
