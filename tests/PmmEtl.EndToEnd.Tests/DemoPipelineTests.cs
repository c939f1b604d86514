using Microsoft.Data.Sqlite;
using PmmEtl.Jobs.Running;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// The shipped demo pipeline (pipelines/demo.yaml, its SQL and offices unchanged) on a small generated source.
/// Expected values come from a second path: SQL over the source file and over the loaded instants.
/// </summary>
public sealed class DemoPipelineTests : IDisposable
{
    private const int Declarations = 3000;
    private readonly PipelineHarness _h;

    public DemoPipelineTests()
    {
        string demo = File.ReadAllText(DemoYamlPath());
        // Same definition, written into the test's folder, with a small source generated on first run.
        string yaml = demo.Replace("../out/demo/", "", StringComparison.Ordinal)
            .Replace("../out/snapshots", "snapshots", StringComparison.Ordinal)
            .Replace("declarations: 200000", $"declarations: {Declarations}", StringComparison.Ordinal);
        Assert.NotEqual(demo, yaml);
        _h = new PipelineHarness(yaml);
    }

    public void Dispose() => _h.Dispose();

    internal static string DemoYamlPath()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "PmmEtl.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir!, "pipelines", "demo.yaml");
    }

    private long SourceCount(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_h.Folder, "customs-source.sqlite")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void The_demo_runs_end_to_end_and_every_source_row_is_loaded_or_quarantined()
    {
        RunSummary s = _h.Run();

        Assert.Equal(SourceCount("SELECT count(*) FROM declaration"), s.Run.RowsRead);
        Assert.Equal(s.Run.RowsRead, s.Run.RowsLoaded + s.Run.RowsQuarantined);
        Assert.True(s.Run.RowsQuarantined > 0, "the demo source carries deliberately bad rows");
        Assert.True(s.Run.DstAmbiguous > 0 && s.Run.DstSkipped > 0, "the demo source has fold and gap times");
        Assert.Equal(s.Run.RowsLoaded, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        Assert.Equal(s.Run.RowsQuarantined, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine"));
        // Duplicate ids in the source: all but the first copy of each are quarantined.
        long duplicates = SourceCount("SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) c FROM declaration GROUP BY declaration_id HAVING c > 1)");
        Assert.Equal(duplicates, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine WHERE field = 'declaration_id'"));
        Assert.Equal(7, s.YearTotals.Select(v => v.KpiCode).Distinct().Count());
        Assert.Single(s.Snapshots);
    }

    [Fact]
    public void K04_and_K10_equal_plain_sql_over_the_loaded_declarations()
    {
        _h.Run();
        // Mean of arrival → release over imports at main points of entry, straight from the stored UTC instants.
        double expectedK04 = Math.Round(_h.Scalar<double>("""
            SELECT avg(epoch(f.released_utc) - epoch(f.arrival_utc)) / 60 FROM fact_declaration f JOIN dim_office o USING (office_code)
            WHERE f.declaration_type = 'IMPORT' AND o.is_main_entry AND f.arrival_utc IS NOT NULL AND f.released_utc IS NOT NULL
              AND year(f.business_date) = 2025
            """), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expectedK04, _h.Kpi("K04", "2025").Value);

        double expectedK10 = Math.Round(100 * _h.Scalar<double>("""
            SELECT avg(CASE WHEN submission_channel IN ('EDI', 'WEB', 'SINGLE_WINDOW') THEN 1.0 ELSE 0.0 END) FROM fact_declaration
            WHERE year(business_date) = 2025
            """), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expectedK10, _h.Kpi("K10", "2025").Value);
    }

    [Fact]
    public void Running_the_demo_twice_changes_no_value_and_duplicates_no_row()
    {
        _h.Run();
        List<object?[]> values = _h.Query("SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n FROM fact_kpi_value ORDER BY ALL");
        long facts = _h.Scalar<long>("SELECT count(*) FROM fact_declaration");
        long quarantined = _h.Scalar<long>("SELECT count(*) FROM dq_quarantine");

        RunSummary second = _h.Run();

        Assert.Equal(values, _h.Query("SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n FROM fact_kpi_value ORDER BY ALL"));
        Assert.Equal(facts, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        Assert.Equal(quarantined, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine"));
        Assert.True(second.Snapshots.Single().Unchanged);
        Assert.Equal(2L, _h.Scalar<long>("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"));
    }
}
