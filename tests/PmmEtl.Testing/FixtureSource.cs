using Microsoft.Data.Sqlite;

namespace PmmEtl.Testing;

/// <summary>
/// A hand-made source of a few tens of declarations whose KPI values are worked out by hand in
/// FixturePipelineTests (PmmEtl.EndToEnd.Tests). Times are local wall-clock text, as customs systems store them.
/// Offices: NYC (America/New_York, main entry and exit), ORD (America/Chicago, main entry), LAX (America/Los_Angeles).
/// The trader is "T-" + the declaration's id unless <c>Trader</c> names one (several declarations of one importer, K17).
/// </summary>
public sealed record FixtureRow(
    string Id, string Type, string Office, string Date,
    string Mode = "SEA", string Channel = "GREEN", int Aeo = 0, int Pre = 0, int Ecom = 0, string? Risk = null,
    string Sub = "EDI", int Imm = 0, string? Direction = null,
    string? Arr = null, string? Lod = null, string? Oga = null, string? Ins = null, string? Ine = null,
    string? Clr = null, string? Rel = null, string? Lob = null, string? Trader = null);

public static class FixtureSource
{
    public static IReadOnlyList<FixtureRow> Rows { get; } =
    [
        // Imports for K04.
        new("I1", "IMPORT", "NYC", "2025-01-10", Arr: "2025-01-10 08:00:00", Lod: "2025-01-10 09:00:00", Rel: "2025-01-10 10:30:00"),
        new("I2", "IMPORT", "NYC", "2025-01-09", Channel: "RED", Aeo: 1, Pre: 1, Lod: "2025-01-09 20:00:00", Arr: "2025-01-10 06:00:00", Ins: "2025-01-10 07:00:00", Ine: "2025-01-10 09:00:00", Rel: "2025-01-10 12:00:00"),
        new("I3", "IMPORT", "ORD", "2025-02-03", Mode: "LAND", Channel: "YELLOW", Sub: "EMAIL", Arr: "2025-02-03 10:00:00", Lod: "2025-02-03 11:00:00", Oga: "2025-02-03 13:00:00", Rel: "2025-02-03 14:30:00"),
        new("I4", "IMPORT", "NYC", "2025-03-09", Mode: "AIR", Sub: "WEB", Arr: "2025-03-09 01:30:00", Lod: "2025-03-09 02:30:00", Rel: "2025-03-09 04:00:00"),
        new("I5", "IMPORT", "NYC", "2025-11-02", Sub: "SINGLE_WINDOW", Arr: "2025-11-02 01:30:00", Lod: "2025-11-02 01:45:00", Rel: "2025-11-02 03:00:00"),
        new("I6", "IMPORT", "ORD", "2025-03-08", Mode: "LAND", Arr: "2025-03-08 23:00:00", Lod: "2025-03-09 00:00:00", Rel: "2025-03-09 05:00:00"),
        new("I7", "IMPORT", "LAX", "2025-01-15", Mode: "AIR", Arr: "2025-01-15 08:00:00", Lod: "2025-01-15 09:00:00", Rel: "2025-01-15 10:00:00"),
        new("I8", "IMPORT", "NYC", "2025-12-30", Arr: "2025-12-30 10:00:00", Lod: "2025-12-30 11:00:00"),
        new("I9", "IMPORT", "NYC", "2025-06-01", Lod: "2025-06-01 10:00:00", Rel: "2025-06-01 12:00:00"),
        // Exports for K05 and K06.
        new("E1", "EXPORT", "NYC", "2025-04-01", Lod: "2025-04-01 08:00:00", Arr: "2025-04-01 14:00:00", Clr: "2025-04-01 15:00:00", Rel: "2025-04-01 15:00:00", Lob: "2025-04-02 09:00:00"),
        new("E2", "EXPORT", "NYC", "2025-04-10", Channel: "RED", Aeo: 1, Lod: "2025-04-10 10:00:00", Arr: "2025-04-10 09:00:00", Oga: "2025-04-10 12:00:00", Rel: "2025-04-10 13:00:00", Lob: "2025-04-10 13:30:00"),
        new("E3", "EXPORT", "LAX", "2025-04-11", Mode: "AIR", Sub: "SCAN", Lod: "2025-04-11 10:00:00", Arr: "2025-04-11 11:00:00", Rel: "2025-04-11 12:00:00", Lob: "2025-04-11 13:00:00"),
        new("E4", "EXPORT", "NYC", "2025-12-31", Lod: "2025-12-31 10:00:00", Arr: "2025-12-31 12:00:00", Rel: "2025-12-31 13:00:00"),
        new("E5", "EXPORT", "NYC", "2025-11-01", Lod: "2025-11-01 22:00:00", Arr: "2025-11-02 01:30:00", Rel: "2025-11-02 02:30:00", Lob: "2025-11-02 03:30:00"),
        // E-commerce for K12, K13, K14.
        new("C1", "IMPORT", "LAX", "2025-05-05", Mode: "AIR", Ecom: 1, Risk: "LOW", Imm: 1, Arr: "2025-05-05 09:00:00", Lod: "2025-05-05 10:00:00", Clr: "2025-05-05 10:20:00", Rel: "2025-05-05 10:30:00"),
        new("C2", "IMPORT", "LAX", "2025-05-06", Mode: "AIR", Channel: "RED", Ecom: 1, Risk: "LOW", Imm: 1, Arr: "2025-05-06 09:00:00", Lod: "2025-05-06 10:00:00", Clr: "2025-05-06 12:00:00", Rel: "2025-05-06 12:30:00"),
        new("C3", "IMPORT", "LAX", "2025-05-07", Mode: "AIR", Ecom: 1, Risk: "MEDIUM", Arr: "2025-05-07 09:00:00", Lod: "2025-05-07 10:00:00", Clr: "2025-05-07 11:00:00", Rel: "2025-05-07 11:00:00"),
        new("C4", "EXPORT", "LAX", "2025-08-01", Mode: "AIR", Channel: "YELLOW", Ecom: 1, Risk: "LOW", Imm: 1, Lod: "2025-08-01 10:00:00", Arr: "2025-08-01 09:00:00", Clr: "2025-08-01 10:45:00", Rel: "2025-08-01 11:00:00", Lob: "2025-08-01 15:00:00"),
        new("C5", "IMPORT", "LAX", "2025-12-31", Mode: "AIR", Ecom: 1, Risk: "LOW", Arr: "2025-12-31 21:00:00", Lod: "2025-12-31 22:00:00"),
        // Transit and cargo for K10.
        new("T1", "TRANSIT", "NYC", "2025-07-01", Mode: "LAND", Sub: "PAPER", Arr: "2025-07-01 09:00:00", Lod: "2025-07-01 10:00:00", Rel: "2025-07-01 11:00:00"),
        new("G1", "CARGO", "NYC", "2025-07-02", Direction: "IMPORT", Arr: "2025-07-02 09:00:00", Lod: "2025-07-02 10:00:00"),
        // Bad rows: one per quarantine rule.
        new("B1", "IMPORT", "NYC", "2025-02-01", Arr: "2025-02-01 10:00:00", Lod: "2025-02-01 09:00:00", Rel: "2025-02-01 08:00:00"),
        new("B2", "IMPORT", "XX999", "2025-02-02", Arr: "2025-02-02 10:00:00", Lod: "2025-02-02 11:00:00", Rel: "2025-02-02 12:00:00"),
        new("B3", "IMPORT", "NYC", "2025-02-03", Arr: "2025-02-03 10:00:00", Lod: "2025-02-30 10:00:00", Rel: "2025-02-03 12:00:00"),
        new("B4", "IMPORT", "NYC", "2025-02-04", Arr: "2025-02-04 10:00:00", Rel: "2025-02-04 12:00:00"),
        new("I1", "IMPORT", "NYC", "2025-01-10", Arr: "2025-01-10 08:00:00", Lod: "2025-01-10 09:00:00", Rel: "2025-01-10 20:00:00"),
    ];

    public static void Write(string path, IEnumerable<FixtureRow> rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = """
                DROP TABLE IF EXISTS decl;
                CREATE TABLE decl (row_id INTEGER PRIMARY KEY, declaration_id TEXT, declaration_type TEXT, direction TEXT, office_code TEXT,
                    business_date TEXT, mode_of_transport TEXT, control_channel TEXT, trader_id TEXT, aeo INTEGER, pre_arrival INTEGER,
                    ecommerce INTEGER, risk_level TEXT, submission_channel TEXT, immediate_release INTEGER, arrival_local TEXT,
                    lodged_local TEXT, oga_permit_local TEXT, inspection_start_local TEXT, inspection_end_local TEXT, cleared_local TEXT,
                    released_local TEXT, loaded_local TEXT);
                """;
            create.ExecuteNonQuery();
        }

        using SqliteTransaction transaction = connection.BeginTransaction();
        foreach (FixtureRow r in rows)
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO decl (declaration_id, declaration_type, direction, office_code, business_date, mode_of_transport, control_channel,
                    trader_id, aeo, pre_arrival, ecommerce, risk_level, submission_channel, immediate_release, arrival_local, lodged_local,
                    oga_permit_local, inspection_start_local, inspection_end_local, cleared_local, released_local, loaded_local)
                VALUES ($id, $type, $dir, $office, $date, $mode, $channel, $trader, $aeo, $pre, $ecom, $risk, $sub, $imm,
                    $arr, $lod, $oga, $ins, $ine, $clr, $rel, $lob)
                """;
            object Db(object? v) => v ?? DBNull.Value;
            insert.Parameters.AddWithValue("$id", r.Id);
            insert.Parameters.AddWithValue("$type", r.Type);
            insert.Parameters.AddWithValue("$dir", Db(r.Direction));
            insert.Parameters.AddWithValue("$office", r.Office);
            insert.Parameters.AddWithValue("$date", r.Date);
            insert.Parameters.AddWithValue("$mode", r.Mode);
            insert.Parameters.AddWithValue("$channel", r.Channel);
            insert.Parameters.AddWithValue("$trader", r.Trader ?? "T-" + r.Id);
            insert.Parameters.AddWithValue("$aeo", r.Aeo);
            insert.Parameters.AddWithValue("$pre", r.Pre);
            insert.Parameters.AddWithValue("$ecom", r.Ecom);
            insert.Parameters.AddWithValue("$risk", Db(r.Risk));
            insert.Parameters.AddWithValue("$sub", r.Sub);
            insert.Parameters.AddWithValue("$imm", r.Imm);
            insert.Parameters.AddWithValue("$arr", Db(r.Arr));
            insert.Parameters.AddWithValue("$lod", Db(r.Lod));
            insert.Parameters.AddWithValue("$oga", Db(r.Oga));
            insert.Parameters.AddWithValue("$ins", Db(r.Ins));
            insert.Parameters.AddWithValue("$ine", Db(r.Ine));
            insert.Parameters.AddWithValue("$clr", Db(r.Clr));
            insert.Parameters.AddWithValue("$rel", Db(r.Rel));
            insert.Parameters.AddWithValue("$lob", Db(r.Lob));
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Everything after the source section of a fixture pipeline: the offices, a DuckDB warehouse, the schedule.</summary>
    public static string PipelineTail(string kpis) => $"""

        offices:
          - {"{"} code: NYC, name: New York, type: SEAPORT, country: US, zone: America/New_York, main_entry: true, main_exit: true {"}"}
          - {"{"} code: ORD, name: Chicago, type: LAND_BORDER, country: US, zone: America/Chicago, main_entry: true {"}"}
          - {"{"} code: LAX, name: Los Angeles, type: POSTAL_HUB, country: US, zone: America/Los_Angeles {"}"}
        warehouse:
          engine: duckdb
          path: warehouse.duckdb
        schedule:
          cron: "30 2 * * *"
          time_zone: America/New_York
        window:
          mode: full
        kpis: {kpis}
        output: snapshots
        """;

    public static string PipelineYaml(string dst = "ambiguous: earlier\n  skipped: shift_forward") => """
        name: fixture
        source:
          kind: sqlite
          path: source.sqlite
          queries:
            declaration: |
              SELECT * FROM decl WHERE business_date >= @from AND business_date < @to ORDER BY row_id
        """ + PipelineTail("[K04, K05, K06, K10, K12, K13, K14]") + $"""

        dst:
          {dst}
        """;
}
