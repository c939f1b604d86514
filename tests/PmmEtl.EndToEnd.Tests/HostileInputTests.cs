using Microsoft.Data.Sqlite;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// A source full of hostile rows beside good ones: each bad row lands in quarantine with a reason, the good rows
/// of the same batch load, nothing crashes, the run counts both, and no value ever becomes SQL.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly PipelineHarness _h = new(FixtureSource.PipelineYaml());

    public void Dispose() => _h.Dispose();

    private static FixtureRow Good(string id) =>
        new(id, "IMPORT", "NYC", "2025-05-02", Arr: "2025-05-02 08:00:00", Lod: "2025-05-02 09:00:00", Rel: "2025-05-02 10:00:00");

    [Fact]
    public void Every_hostile_row_is_quarantined_with_a_reason_and_the_good_rows_load()
    {
        string injection = "X'); DROP TABLE fact_declaration; --";
        FixtureRow[] rows =
        [
            Good("G1"),
            Good("H-impossible-date") with { Arr = "2025-02-29 08:00:00" },
            Good("H-hour-25") with { Rel = "2025-05-02 25:00:00" },
            Good("H-order") with { Rel = "2025-05-02 07:00:00" },
            Good("H-absurd") with { Rel = "2052-05-02 10:00:00" },
            Good("H-unknown-office") with { Office = "ZZ999" },
            Good("H-type") with { Type = "SMUGGLING" },       // a type the catalogue does not list: loaded as OTHER, not lost
            Good("H-mode") with { Mode = "TELEPORT" },
            Good(new string('9', 5000)),
            Good(injection) with { Office = injection },
            Good("H-business-date") with { Date = "02/05/2025" },
            Good("H-flag") with { Sub = "CARRIER PIGEON" },
            Good("G2"),
            Good("G1") with { Rel = "2025-05-02 23:00:00" },   // duplicate id: the first G1 is kept
        ];
        FixtureSource.Write(Path.Combine(_h.Folder, "source.sqlite"), rows);
        // A value that is not valid UTF-8, the way a broken export writes it: stored as raw bytes.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_h.Folder, "source.sqlite")};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO decl (declaration_id, declaration_type, office_code, business_date, mode_of_transport, control_channel, aeo, ecommerce,
                                  submission_channel, arrival_local, lodged_local, released_local)
                VALUES ('H-bytes', 'IMPORT', CAST(X'4E59C3' AS TEXT), '2025-05-02', 'SEA', 'GREEN', 0, 0, 'EDI',
                        '2025-05-02 08:00:00', '2025-05-02 09:00:00', CAST(X'FF FE 31' AS TEXT))
                """.Replace("X'FF FE 31'", "X'FFFE31'", StringComparison.Ordinal);
            insert.ExecuteNonQuery();
        }

        RunSummary s = _h.Run();

        Assert.Equal(15, s.Run.RowsRead);
        Assert.Equal(3, s.Run.RowsLoaded);
        Assert.Equal(12, s.Run.RowsQuarantined);
        Assert.Equal(["G1", "G2", "H-type"], _h.Query("SELECT declaration_id FROM fact_declaration ORDER BY 1").Select(r => (string)r[0]!));
        Assert.Equal("OTHER", _h.Scalar<string>("SELECT declaration_type FROM fact_declaration WHERE declaration_id = 'H-type'"));
        Dictionary<string, string> reasons = _h.Query("SELECT coalesce(source_key, '(none)'), reason FROM dq_quarantine WHERE source_key IS NULL OR source_key <> 'G1'")
            .ToDictionary(r => ((string)r[0]!).Length > 40 ? "(long)" : (string)r[0]!, r => (string)r[1]!);
        Assert.Contains("unparsable", reasons["H-impossible-date"], StringComparison.Ordinal);
        Assert.Contains("unparsable", reasons["H-hour-25"], StringComparison.Ordinal);
        Assert.Contains("release before arrival", reasons["H-order"], StringComparison.Ordinal);
        Assert.Contains("absurd duration", reasons["H-absurd"], StringComparison.Ordinal);
        Assert.Contains("unknown office 'ZZ999'", reasons["H-unknown-office"], StringComparison.Ordinal);
        Assert.Contains("unknown code 'TELEPORT'", reasons["H-mode"], StringComparison.Ordinal);
        Assert.Contains("longer than 100 characters", reasons["(long)"], StringComparison.Ordinal);
        Assert.Contains("unknown office", reasons[injection], StringComparison.Ordinal);
        Assert.Contains("business_date: unparsable date", reasons["H-business-date"], StringComparison.Ordinal);
        Assert.Contains("unknown code 'CARRIER PIGEON'", reasons["H-flag"], StringComparison.Ordinal);
        Assert.Contains("unknown office", reasons["H-bytes"], StringComparison.Ordinal);
        Assert.Contains("unparsable time", reasons["H-bytes"], StringComparison.Ordinal);
        Assert.Single(_h.Query("SELECT 1 FROM dq_quarantine WHERE field = 'declaration_id' AND reason LIKE 'duplicate%'"));
        // The injected text stayed a value: every table is still there.
        Assert.Equal(3L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
    }

    /// <summary>
    /// Times in years 9999 and 0001, local and with an explicit offset (at the edges where the offset pushes the instant
    /// beyond the representable range), and a trader id over the column length: each row is quarantined naming its source,
    /// row and field, and the run loads the good rows and publishes (Parquet, workbook and report) as usual.
    /// </summary>
    [Fact]
    public void Times_outside_the_valid_range_and_an_overlong_trader_id_are_quarantined_and_the_year_still_publishes()
    {
        FixtureRow[] rows =
        [
            Good("G1"),
            Good("H-trader") with { Trader = new string('T', 101) },
            Good("H-9999-local") with { Rel = "9999-12-31 23:59:59" },
            Good("H-9999-offset") with { Rel = "9999-12-31T23:59:59-12:00" },
            Good("H-0001-local") with { Arr = "0001-01-01 00:00:00" },
            Good("H-0001-offset") with { Arr = "0001-01-01T00:00:00+14:00" },
            Good("G2"),
        ];
        FixtureSource.Write(Path.Combine(_h.Folder, "source.sqlite"), rows);

        RunSummary s = _h.Run();

        Assert.Equal(RunStatuses.Succeeded, s.Run.Status);
        Assert.Equal((7L, 2L, 5L), (s.Run.RowsRead, s.Run.RowsLoaded, s.Run.RowsQuarantined));
        Dictionary<string, object?[]> quarantined = _h.Query("SELECT source_key, source_name, source_row, field, reason FROM dq_quarantine")
            .ToDictionary(r => (string)r[0]!, r => r);
        Assert.Equal(["H-0001-local", "H-0001-offset", "H-9999-local", "H-9999-offset", "H-trader"], quarantined.Keys.Order(StringComparer.Ordinal));
        // Row numbers count the source's rows in order: H-trader is the second.
        Assert.Equal(("trader_id", 2L), ((string)quarantined["H-trader"][3]!, Convert.ToInt64(quarantined["H-trader"][2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("source.queries.declaration", (string)quarantined["H-trader"][1]!, StringComparison.Ordinal);
        Assert.Contains("longer than 100 characters", (string)quarantined["H-trader"][4]!, StringComparison.Ordinal);
        foreach (string key in new[] { "H-9999-local", "H-9999-offset" })
        {
            Assert.Equal("released_local", (string)quarantined[key][3]!);
            Assert.Contains("outside the valid range", (string)quarantined[key][4]!, StringComparison.Ordinal);
        }

        foreach (string key in new[] { "H-0001-local", "H-0001-offset" })
        {
            Assert.Equal("arrival_local", (string)quarantined[key][3]!);
            Assert.Contains("outside the valid range", (string)quarantined[key][4]!, StringComparison.Ordinal);
        }

        Assert.Equal(0L, _h.Scalar<long>("SELECT count(*) FROM fact_declaration WHERE trader_id IS NULL"));
        string snapshots = Path.Combine(_h.Folder, "snapshots");
        Assert.NotEmpty(s.Snapshots);
        Assert.NotEmpty(Directory.EnumerateFiles(snapshots, "*.parquet", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.EnumerateFiles(snapshots, "*.xlsx", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.EnumerateFiles(snapshots, "*.html", SearchOption.AllDirectories));
    }
}
