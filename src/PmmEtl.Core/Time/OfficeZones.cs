using NodaTime;
using NodaTime.TimeZones;

namespace PmmEtl.Core.Time;

/// <summary>The tzdb zone provider and its version. The BCL provider is never used: its rules vary by host OS.</summary>
public static class Tzdb
{
    public static IDateTimeZoneProvider Provider => DateTimeZoneProviders.Tzdb;

    public static string Version => TzdbDateTimeZoneSource.Default.TzdbVersion;

    public static bool TryGetZone(string id, out DateTimeZone zone)
    {
        DateTimeZone? found = Provider.GetZoneOrNull(id);
        zone = found!;
        return found is not null;
    }
}
