using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Testing;

/// <summary>Builds a normalised declaration row directly, for tests of the load that need no normaliser.</summary>
public static class DeclarationRows
{
    public static RecordRow Import(string id, long sourceRow, string office, LocalDate businessDate, Instant lodged, Instant? released,
        string sourceName = "test.csv", string mode = "SEA", string channel = "GREEN", string? trader = "T1")
    {
        RecordSchema t = RecordTypes.Declaration;
        var row = new RecordRow(t, sourceName, sourceRow);
        row.SetText(t.IndexOf("declaration_id"), id);
        row.SetText(t.IndexOf("declaration_type"), "IMPORT");
        row.SetText(t.IndexOf("direction"), "IMPORT");
        row.SetText(t.IndexOf("office_code"), office);
        row.SetDate(t.IndexOf("business_date"), businessDate);
        row.SetText(t.IndexOf("mode_of_transport"), mode);
        row.SetText(t.IndexOf("control_channel"), channel);
        row.SetText(t.IndexOf("trader_id"), trader);
        row.SetBool(t.IndexOf("aeo"), false);
        row.SetBool(t.IndexOf("pre_arrival"), false);
        row.SetBool(t.IndexOf("ecommerce"), false);
        row.SetBool(t.IndexOf("is_low_risk"), true);
        row.SetText(t.IndexOf("risk_level"), "LOW");
        row.SetText(t.IndexOf("submission_channel"), "EDI");
        row.SetBool(t.IndexOf("is_electronic"), true);
        row.SetBool(t.IndexOf("immediate_release"), false);
        row.SetInstant(t.IndexOf("lodged_local"), lodged);
        row.SetInstant(t.IndexOf("released_local"), released);
        return row;
    }
}

/// <summary>The exchange rates tests normalise with.</summary>
public static class Rates
{
    public static IReadOnlyDictionary<string, double> Usd { get; } = new Dictionary<string, double> { ["USD"] = 1.0 };
}
