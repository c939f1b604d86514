using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace PmmEtl.DemoSource.Tests;

public sealed class DeclarationRow
{
    public long RowId { get; init; }
    public string DeclarationId { get; init; } = "";
    public string DeclarationType { get; init; } = "";
    public string? CargoDirection { get; init; }
    public string OfficeCode { get; init; } = "";
    public string RegistrationDate { get; init; } = "";
    public long TransportMode { get; init; }
    public string ControlChannel { get; init; } = "";
    public string TraderId { get; init; } = "";
    public long PreArrival { get; init; }
    public long Ecommerce { get; init; }
    public string RiskLevel { get; init; } = "";
    public string SubmissionChannel { get; init; } = "";
    public long ImmediateRelease { get; init; }
}

public sealed class EventRow
{
    public long DeclarationRowId { get; init; }
    public string EventCode { get; init; } = "";
    public string? EventLocalTime { get; init; }
    public string Actor { get; init; } = "";
}

public sealed class TraderRow
{
    public string TraderId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? AeoStatus { get; init; }
    public string? AeoValidFrom { get; init; }
}

/// <summary>A whole (small) generated source read back with plain SQL, for assertions in C#.</summary>
public sealed class SourceContent
{
    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    private SourceContent(IReadOnlyList<DeclarationRow> declarations, IReadOnlyList<EventRow> events, IReadOnlyList<TraderRow> traders)
    {
        Declarations = declarations;
        Events = events;
        Traders = traders;
        EventsOf = events.ToLookup(e => e.DeclarationRowId);
    }

    public IReadOnlyList<DeclarationRow> Declarations { get; }

    public IReadOnlyList<EventRow> Events { get; }

    public IReadOnlyList<TraderRow> Traders { get; }

    public ILookup<long, EventRow> EventsOf { get; }

    public static SourceContent Load(string file)
    {
        using SqliteConnection connection = Sources.Open(file);
        var declarations = connection.Query<DeclarationRow>("""
            SELECT row_id AS RowId, declaration_id AS DeclarationId, declaration_type AS DeclarationType,
                   cargo_direction AS CargoDirection, office_code AS OfficeCode, registration_date AS RegistrationDate,
                   transport_mode AS TransportMode, control_channel AS ControlChannel, trader_id AS TraderId,
                   pre_arrival AS PreArrival, ecommerce AS Ecommerce, risk_level AS RiskLevel,
                   submission_channel AS SubmissionChannel, immediate_release AS ImmediateRelease
            FROM declaration ORDER BY row_id
            """).ToList();
        var events = connection.Query<EventRow>("""
            SELECT declaration_row_id AS DeclarationRowId, event_code AS EventCode, event_local_time AS EventLocalTime, actor AS Actor
            FROM declaration_event ORDER BY declaration_row_id, event_code
            """).ToList();
        var traders = connection.Query<TraderRow>("""
            SELECT trader_id AS TraderId, name AS Name, aeo_status AS AeoStatus, aeo_valid_from AS AeoValidFrom FROM trader ORDER BY trader_id
            """).ToList();
        return new SourceContent(declarations, events, traders);
    }

    /// <summary>Strict 'yyyy-MM-dd HH:mm:ss'; null for anything else (including NULL and '').</summary>
    public static LocalDateTime? ParseLocal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        ParseResult<LocalDateTime> result = TimePattern.Parse(text);
        return result.Success ? result.Value : null;
    }

    public string? TimeOf(DeclarationRow row, string code) => EventsOf[row.RowId].FirstOrDefault(e => e.EventCode == code)?.EventLocalTime;

    public LocalDateTime? LocalOf(DeclarationRow row, string code) => ParseLocal(TimeOf(row, code));
}
