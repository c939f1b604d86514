namespace PmmEtl.DemoSource.Generation;

/// <summary>The source's national event codes and who is responsible for each.</summary>
internal static class EventCodes
{
    public const string Arrival = "ARR";
    public const string Lodgement = "LOD";
    public const string OgaPermit = "OGA";
    public const string InspectionStart = "INS";
    public const string InspectionEnd = "INE";
    public const string Cleared = "CLR";
    public const string Released = "REL";
    public const string LoadedOnBoard = "LOB";

    /// <summary>
    /// Arrival, lodgement and loading are the trade's doing, the permit the OGA's; inspection, clearance and
    /// release are Customs' (the same attribution as the PMM's responsible-actor split).
    /// </summary>
    public static string ActorOf(string code) => code switch
    {
        Arrival or Lodgement or LoadedOnBoard => "BUSINESS",
        OgaPermit => "OGA",
        _ => "CUSTOMS",
    };
}
