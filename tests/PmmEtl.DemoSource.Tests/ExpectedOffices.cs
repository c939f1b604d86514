using NodaTime;

namespace PmmEtl.DemoSource.Tests;

/// <summary>The office table of the brief, kept here by hand so the tests do not trust the generator's own list.</summary>
public static class ExpectedOffices
{
    public static IReadOnlyList<(string Code, string Name, string Type, string Zone, int Mode, bool MainEntry, bool MainExit)> All { get; } =
    [
        ("USNYC1", "Port of New York and New Jersey", "SEAPORT", "America/New_York", 1, true, true),
        ("USJFK1", "John F. Kennedy International Airport", "AIRPORT", "America/New_York", 4, true, false),
        ("USLRD1", "Laredo World Trade Bridge", "LAND_BORDER", "America/Chicago", 3, true, true),
        ("USCHI2", "Chicago Rail Terminal", "RAIL", "America/Chicago", 2, false, false),
        ("USDEN3", "Denver Inland Clearance Depot", "INLAND", "America/Denver", 3, false, false),
        ("USLAX4", "Los Angeles International Mail and Express Hub", "POSTAL_HUB", "America/Los_Angeles", 5, false, false),
        ("USHNL5", "Port of Honolulu", "SEAPORT", "Pacific/Honolulu", 1, false, false),
    ];

    /// <summary>The office's tzdb zone, or null for a code that is not an office.</summary>
    public static DateTimeZone? ZoneOf(string officeCode)
    {
        foreach (var office in All)
        {
            if (office.Code == officeCode)
            {
                return DateTimeZoneProviders.Tzdb[office.Zone];
            }
        }

        return null;
    }
}
