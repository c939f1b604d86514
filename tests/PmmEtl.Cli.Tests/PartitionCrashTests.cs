using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using PmmEtl.Core.Stages;
using PmmEtl.Testing;

namespace PmmEtl.Cli.Tests;

/// <summary>
/// The kill harness on the partition book: a backfill killed after a day's declarations committed and before its
/// registers loaded is completed by resuming the backfill or by retry (the day's inspections and shipments are then
/// those of the source, counted straight from the SQLite file), and a run killed while publishing is found and re-run
/// by retry. Both leave status with no gap and no incomplete day.
/// </summary>
public sealed class PartitionCrashTests : IClassFixture<CrashSafetyTests.Baseline>
{
    private const string Day = "2025-03-04";

    private readonly CrashSafetyTests.Baseline _baseline;

    public PartitionCrashTests(CrashSafetyTests.Baseline baseline) => _baseline = baseline;

    [Theory]
    [InlineData("backfill")]
    [InlineData("retry")]
    public void A_backfill_killed_between_the_declarations_and_the_registers_of_a_day_is_completed_by_resume_and_by_retry(string resume)
    {
        using var folder = new TempFolder();
        CrashSafetyTests.Prepare(folder.Path, _baseline);
        (int code, _, string error) = CliProcess.Run(folder.Path, null, "backfill", "demo.yaml", "--from", "2025-03-03", "--to", "2025-03-04");
        Assert.True(code == 0, error);

        // 3 March is done and skipped; 4 March runs and is killed once its declarations committed.
        using (var process = CliProcess.Start(folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = Checkpoints.TypeCommitted },
                   "backfill", "demo.yaml", "--from", "2025-03-03", "--to", "2025-03-05"))
        {
            _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            CliProcess.WaitForCheckpoint(process, Checkpoints.TypeCommitted, TimeSpan.FromMinutes(2));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        (long declarations, long inspections, long shipments) = Loaded(folder.Path);
        Assert.True(declarations > 0, "the day's declarations committed before the kill");
        Assert.Equal((0L, 0L), (inspections, shipments));
        (int statusCode, string before, _) = CliProcess.Run(folder.Path, null, "status", "demo.yaml");
        Assert.Equal(1, statusCode); // the killed run is abandoned and its registers failed
        Assert.Contains($"incomplete: {Day}", before, StringComparison.Ordinal);
        Assert.Contains("abandoned", before, StringComparison.Ordinal);

        (int resumed, string output, string resumeError) = resume == "backfill"
            ? CliProcess.Run(folder.Path, null, "backfill", "demo.yaml", "--from", "2025-03-03", "--to", "2025-03-05")
            : CliProcess.Run(folder.Path, null, "retry", "demo.yaml");
        Assert.True(resumed == 0, resumeError);
        Assert.Contains(resume == "backfill" ? "1 runs, 1 already done" : "1 retried", output, StringComparison.Ordinal);

        (long sourceInspections, long sourceShipments) = InSource(folder.Path);
        Assert.True(sourceInspections > 0 && sourceShipments > 0, "the day has registers in the source");
        (_, inspections, shipments) = Loaded(folder.Path);
        Assert.Equal((sourceInspections, sourceShipments), (inspections + Quarantined(folder.Path, "inspection"), shipments + Quarantined(folder.Path, "shipment")));
        (int after, string status, _) = CliProcess.Run(folder.Path, null, "status", "demo.yaml");
        Assert.Equal(0, after);
        Assert.Contains("gaps: not_loaded 0,", status, StringComparison.Ordinal);
        Assert.DoesNotContain("incomplete:", status, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_killed_while_publishing_is_rerun_by_retry()
    {
        using var folder = new TempFolder();
        CrashSafetyTests.Prepare(folder.Path, _baseline);
        using (var process = CliProcess.Start(folder.Path, new Dictionary<string, string> { ["PMMETL_PAUSE_AT"] = Checkpoints.Parquet }, "run", "demo.yaml"))
        {
            _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            CliProcess.WaitForCheckpoint(process, Checkpoints.Parquet, TimeSpan.FromMinutes(2));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        (int code, string output, string error) = CliProcess.Run(folder.Path, null, "retry", "demo.yaml");

        Assert.True(code == 0, error);
        Assert.Contains("1 retried", output, StringComparison.Ordinal);
        (long facts, List<string> values) = CrashSafetyTests.Read(folder.Path);
        Assert.Equal(_baseline.Facts, facts);
        Assert.Equal(_baseline.Values, values);
        CrashSafetyTests.AssertSnapshotsConsistent(folder.Path);
        (_, string again, _) = CliProcess.Run(folder.Path, null, "retry", "demo.yaml");
        Assert.Contains("nothing to retry", again, StringComparison.Ordinal);
    }

    private static (long Declarations, long Inspections, long Shipments) Loaded(string folder)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, "warehouse.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return (Count(connection, $"SELECT count(*) FROM fact_declaration WHERE business_date = DATE '{Day}'"),
            Count(connection, $"SELECT count(*) FROM fact_inspection WHERE inspection_date = DATE '{Day}'"),
            Count(connection, $"SELECT count(*) FROM fact_shipment WHERE shipment_date = DATE '{Day}'"));
    }

    private static long Quarantined(string folder, string type)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, "warehouse.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return Count(connection, $"SELECT count(*) FROM dq_quarantine WHERE record_type = '{type}' AND business_date_raw = '{Day}'");
    }

    /// <summary>The day's inspections and shipments counted straight from the national tables of the SQLite source.</summary>
    private static (long Inspections, long Shipments) InSource(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "customs-source.sqlite")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return (Count(connection, $"SELECT count(*) FROM control WHERE control_date = '{Day}'"),
            Count(connection, $"SELECT count(*) FROM house_bill WHERE manifest_date = '{Day}'"));
    }

    private static long Count(System.Data.Common.DbConnection connection, string sql)
    {
        using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
