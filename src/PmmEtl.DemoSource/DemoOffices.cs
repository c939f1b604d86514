namespace PmmEtl.DemoSource;

/// <summary>One office of the demo administration, as the pipeline's YAML describes it.</summary>
/// <param name="Code">National office code.</param>
/// <param name="Name">Office name.</param>
/// <param name="OfficeType">SEAPORT, AIRPORT, LAND_BORDER, RAIL, INLAND or POSTAL_HUB.</param>
/// <param name="ZoneId">IANA (tzdb) zone of the office's wall clock.</param>
/// <param name="DefaultMode">UN Rec. 19 mode most declarations at the office use (1 sea, 2 rail, 3 road, 4 air, 5 mail).</param>
/// <param name="MainEntry">A main point of entry (K04 population).</param>
/// <param name="MainExit">A main point of exit (K05/K06 population).</param>
public sealed record DemoOffice(
    string Code,
    string Name,
    string OfficeType,
    string ZoneId,
    int DefaultMode,
    bool MainEntry,
    bool MainExit);

/// <summary>The offices of the demo source. The demo pipeline definition lists exactly the same codes and zones.</summary>
public static class DemoOffices
{
    public static IReadOnlyList<DemoOffice> All { get; } =
    [
        new("USNYC1", "Port of New York and New Jersey", "SEAPORT", "America/New_York", 1, MainEntry: true, MainExit: true),
        new("USJFK1", "John F. Kennedy International Airport", "AIRPORT", "America/New_York", 4, MainEntry: true, MainExit: false),
        new("USLRD1", "Laredo World Trade Bridge", "LAND_BORDER", "America/Chicago", 3, MainEntry: true, MainExit: true),
        new("USCHI2", "Chicago Rail Terminal", "RAIL", "America/Chicago", 2, MainEntry: false, MainExit: false),
        new("USDEN3", "Denver Inland Clearance Depot", "INLAND", "America/Denver", 3, MainEntry: false, MainExit: false),
        new("USLAX4", "Los Angeles International Mail and Express Hub", "POSTAL_HUB", "America/Los_Angeles", 5, MainEntry: false, MainExit: false),
        new("USHNL5", "Port of Honolulu", "SEAPORT", "Pacific/Honolulu", 1, MainEntry: false, MainExit: false),
    ];
}
