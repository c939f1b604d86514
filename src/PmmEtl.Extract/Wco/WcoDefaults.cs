using PmmEtl.Core.Records;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// The default reading of WCO Data Model messages, after the UK Customs Declaration Service (CDS), the largest
/// national system built on the WCO DM. Every entry can be replaced in the pipeline YAML (docs/sources.md).
/// </summary>
public static class WcoDefaults
{
    /// <summary>
    /// Reading limits. A CDS declaration is about 10 elements deep inside its envelope and has some hundred elements
    /// per goods item (at most 999 items), so these leave ample room for real messages while a hostile file (deep
    /// nesting, an endless message) is refused quickly with bounded memory.
    /// </summary>
    public const int MaxDepth = 64;
    public const int MaxElements = 1_000_000;
    public const long MaxFileBytes = 100L * 1024 * 1024;

    /// <summary>9 = original declaration. 13 (amendment, cancellation request) does not make a new declaration.</summary>
    public static IReadOnlySet<string> DeclarationFunctionCodes { get; } = new HashSet<string>(["9"], StringComparer.Ordinal);

    /// <summary>
    /// CDS notification function codes (DMS message in brackets): 01 accepted (DMSACC), 02 received (DMSRCV),
    /// 03 rejected (DMSREJ), 05 undergoing physical check (DMSCTL), 06 additional documents required (DMSDOC),
    /// 07 amended (DMSRES), 08 released (DMSROG), 09 cleared (DMSCLE), 10 cancelled / invalidated (DMSINV),
    /// 11 customs position (DMSREQ), 14 and 15 customs position on amendment (DMSCPI, DMSCPR), 16 goods have exited
    /// (DMSEOG), 17 handled externally (DMSEXT), 18 awaiting exit results (DMSGER), 50 (DMSALV), 51 query (DMSQRY);
    /// 13 is listed as informational (ignored) too.
    /// </summary>
    public static IReadOnlyDictionary<string, WcoEvent> FunctionCodes { get; } = new Dictionary<string, WcoEvent>(StringComparer.Ordinal)
    {
        ["01"] = WcoEvent.Accepted,
        ["02"] = WcoEvent.Received,
        ["03"] = WcoEvent.Rejected,
        ["05"] = WcoEvent.Control,
        ["06"] = WcoEvent.DocumentsRequired,
        ["07"] = WcoEvent.Ignore,
        ["08"] = WcoEvent.Released,
        ["09"] = WcoEvent.Cleared,
        ["10"] = WcoEvent.Invalidated,
        ["11"] = WcoEvent.Ignore,
        ["13"] = WcoEvent.Ignore,
        ["14"] = WcoEvent.Ignore,
        ["15"] = WcoEvent.Ignore,
        ["16"] = WcoEvent.Exited,
        ["17"] = WcoEvent.Ignore,
        ["18"] = WcoEvent.Ignore,
        ["50"] = WcoEvent.Ignore,
        ["51"] = WcoEvent.Ignore,
    };

    /// <summary>The YAML names of the events, for function-code tables.</summary>
    public static IReadOnlyDictionary<string, WcoEvent> EventNames { get; } = new Dictionary<string, WcoEvent>(StringComparer.Ordinal)
    {
        ["ignore"] = WcoEvent.Ignore,
        ["received"] = WcoEvent.Received,
        ["accepted"] = WcoEvent.Accepted,
        ["documents_required"] = WcoEvent.DocumentsRequired,
        ["control"] = WcoEvent.Control,
        ["released"] = WcoEvent.Released,
        ["cleared"] = WcoEvent.Cleared,
        ["exited"] = WcoEvent.Exited,
        ["arrived"] = WcoEvent.Arrived,
        ["rejected"] = WcoEvent.Rejected,
        ["invalidated"] = WcoEvent.Invalidated,
    };

    /// <summary>
    /// Where the declaration's own fields are. Milestone times come from the notifications (see the source's
    /// documentation); the control channel follows from them too unless a field mapping is configured for it.
    /// </summary>
    public static IReadOnlyDictionary<string, WcoFieldMapping> Fields { get; } = new Dictionary<string, WcoFieldMapping>(StringComparer.Ordinal)
    {
        // The additional declaration type letter (IMZ, EXA, …) does not change the direction. Transit declarations
        // (T1, T2, T2F, TIR, TD, TR …) are TRANSIT; any other type (CO, community status goods; EU …) is loaded as
        // OTHER rather than lost. A message without a TypeCode stays without a type (the normaliser refuses it).
        [DeclarationFields.DeclarationType] = new()
        {
            Paths = ["TypeCode"],
            Map = Map(("IM*", "IMPORT"), ("EX*", "EXPORT"), ("T*", "TRANSIT"), ("*", "OTHER")),
        },
        // Imports are presented at an office of presentation (entry), exports leave through the office of exit.
        [DeclarationFields.OfficeCode] = new() { Paths = ["PresentationOffice/ID", "ExitOffice/ID", "SupervisingOffice/ID"] },
        // UN/ECE Recommendation 19 modes, one canonical member each: 1 sea, 2 rail, 3 road, 4 air, 5 mail, 6 multimodal,
        // 7 fixed installation (pipelines, power lines), 8 inland waterway, 9 unknown. 0 ("not specified") and a
        // message without a mode are left to the normaliser.
        [DeclarationFields.ModeOfTransport] = new()
        {
            Paths = ["BorderTransportMeans/ModeCode", "GoodsShipment/Consignment/ArrivalTransportMeans/ModeCode"],
            Map = Map(("1", "SEA"), ("2", "RAIL"), ("3", "LAND"), ("4", "AIR"), ("5", "POSTAL"), ("6", "MULTIMODAL"),
                ("7", "FIXED_INSTALLATION"), ("8", "INLAND_WATERWAY"), ("9", "UNKNOWN")),
        },
        [DeclarationFields.TraderId] = new() { Paths = ["GoodsShipment/Importer/ID", "Exporter/ID", "GoodsShipment/Exporter/ID", "Declarant/ID"] },
        // An authorisation holder of category AEOC or AEOF makes the declaration an AEO's.
        [DeclarationFields.Aeo] = new() { Paths = ["AuthorisationHolder/CategoryCode"], Map = Map(("AEO*", "1")), Default = "0" },
        // No e-commerce flag: the declaration messages do not carry one, and an invented "0" would publish K14 = 0 %.
        // A pipeline whose messages do (a national extension) maps it in source.wco.fields.
        // Every WCO DM message is an electronic data interchange.
        [DeclarationFields.SubmissionChannel] = new() { Constant = "EDI" },
        [DeclarationFields.ArrivalLocal] = new() { Paths = ["BorderTransportMeans/ArrivalDateTime", "GoodsShipment/Consignment/ArrivalDateTime"] },
    };

    private static Dictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
