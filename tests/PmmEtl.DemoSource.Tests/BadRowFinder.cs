using NodaTime;

namespace PmmEtl.DemoSource.Tests;

/// <summary>Finds each kind of deliberate defect the way a validator would, from the written rows alone.</summary>
public static class BadRowFinder
{
    public const string ReleaseBeforeArrival = "release_before_arrival";
    public const string UnknownOffice = "unknown_office";
    public const string UnparsableTime = "unparsable_time";
    public const string MissingLodgement = "missing_lodgement";
    public const string Duplicate = "duplicate_id";

    public static IReadOnlyDictionary<string, HashSet<long>> Find(SourceContent content, string file)
    {
        return new Dictionary<string, HashSet<long>>
        {
            [ReleaseBeforeArrival] = content.Declarations.Where(d => d.DeclarationType == "IM" && ReleasedBeforeArrival(content, d)).Select(d => d.RowId).ToHashSet(),
            [UnknownOffice] = Sql(file, """
                SELECT d.row_id FROM declaration d LEFT JOIN office o ON o.office_code = d.office_code WHERE o.office_code IS NULL
                """),
            [UnparsableTime] = content.Events
                .Where(e => !string.IsNullOrEmpty(e.EventLocalTime) && SourceContent.ParseLocal(e.EventLocalTime) is null)
                .Select(e => e.DeclarationRowId).ToHashSet(),
            [MissingLodgement] = Sql(file, """
                SELECT d.row_id FROM declaration d LEFT JOIN declaration_event e ON e.declaration_row_id = d.row_id AND e.event_code = 'LOD'
                WHERE e.declaration_row_id IS NULL OR e.event_local_time IS NULL OR e.event_local_time = ''
                """),
            // Every copy after the first of an id (the first is the sound original).
            [Duplicate] = Sql(file, """
                SELECT d.row_id FROM declaration d
                JOIN (SELECT declaration_id, MIN(row_id) AS first_row FROM declaration GROUP BY declaration_id HAVING COUNT(*) > 1) dup
                  ON dup.declaration_id = d.declaration_id AND d.row_id > dup.first_row
                """),
        };
    }

    /// <summary>
    /// Release text earlier than arrival text, both well-formed. Times in a DST fold are left out: there a
    /// later instant can have an earlier text, which is the source's nature, not a defect.
    /// </summary>
    private static bool ReleasedBeforeArrival(SourceContent content, DeclarationRow d)
    {
        DateTimeZone? zone = ExpectedOffices.ZoneOf(d.OfficeCode);
        LocalDateTime? arrival = content.LocalOf(d, "ARR");
        LocalDateTime? release = content.LocalOf(d, "REL");
        if (arrival is null || release is null || release >= arrival)
        {
            return false;
        }

        return zone is null || (zone.MapLocal(arrival.Value).Count < 2 && zone.MapLocal(release.Value).Count < 2);
    }

    private static HashSet<long> Sql(string file, string sql)
    {
        using var connection = Sources.Open(file);
        return Dapper.SqlMapper.Query<long>(connection, sql).ToHashSet();
    }
}
