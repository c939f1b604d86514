namespace PmmEtl.Core.Records;

/// <summary>
/// The canonical code lists of the declaration. Sources map their own codes onto these (in their query, or with a
/// code map in the pipeline); the warehouse holds exactly these values, so a breakdown never shows a code spelled two
/// ways. Each list has the standard member for what a national system cannot classify (OTHER, UNKNOWN), so a national
/// code can always be mapped rather than lost.
/// </summary>
public static class Codes
{
    /// <summary>The catalogue's four declaration types, and OTHER for any type a national system adds (loaded, not lost).</summary>
    public static readonly IReadOnlyList<string> DeclarationTypes = ["IMPORT", "EXPORT", "TRANSIT", "CARGO", "OTHER"];

    public static readonly IReadOnlyList<string> Directions = ["IMPORT", "EXPORT", "TRANSIT"];

    /// <summary>
    /// UN/ECE Recommendation 19 modes of transport, codes 1–9 in order: sea, rail, road (LAND), air, postal, multimodal,
    /// fixed transport installation, inland waterway, and mode unknown.
    /// </summary>
    public static readonly IReadOnlyList<string> TransportModes =
        ["SEA", "RAIL", "LAND", "AIR", "POSTAL", "MULTIMODAL", "FIXED_INSTALLATION", "INLAND_WATERWAY", "UNKNOWN"];

    public static readonly IReadOnlyList<string> ControlChannels = ["GREEN", "YELLOW", "RED", "NII"];

    public static readonly IReadOnlyList<string> RiskLevels = ["LOW", "MEDIUM", "HIGH"];

    /// <summary>Channels that are true electronic messages for K10 (e-mail and scanned uploads do not count).</summary>
    public static readonly IReadOnlySet<string> ElectronicChannels = new HashSet<string>(["EDI", "WEB", "SINGLE_WINDOW"], StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> SubmissionChannels = ["EDI", "WEB", "SINGLE_WINDOW", "EMAIL", "SCAN", "PAPER", "OTHER"];

    /// <summary>Channels under which goods are subject to Customs control (physical examination or NII), so never "immediate" (K12).</summary>
    public static readonly IReadOnlyList<string> ControlledChannels = ["RED", "NII"];
}
