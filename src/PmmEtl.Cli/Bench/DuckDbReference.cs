using System.Diagnostics;
using DuckDB.NET.Data;
using PmmEtl.Core.Pipelines;

namespace PmmEtl.Cli.Bench;

/// <summary>
/// The same work as the pipeline, as plain DuckDB SQL over the same CSV: local times to UTC by office zone
/// (ICU's timezone(); note it takes the later instant of a repeated hour), durations, the release-time
/// aggregates by period and breakdown (mean, median, p90, N), and Parquet out. The yardstick for "ours".
/// </summary>
internal static class DuckDbReference
{
    public static TimeSpan Run(string csvPath, IReadOnlyList<OfficeDefinition> offices, string folder)
    {
        string database = Path.Combine(folder, "reference.duckdb");
        File.Delete(database);
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        string officeRows = string.Join(", ", offices.Select(o => $"('{o.Code}', '{o.Zone.Id}', {(o.MainEntry ? "true" : "false")})"));
        string csv = csvPath.Replace("'", "''", StringComparison.Ordinal);
        string parquet = Path.Combine(folder, "reference.parquet").Replace("'", "''", StringComparison.Ordinal);
        Execute(connection, $"""
            CREATE TABLE office AS SELECT * FROM (VALUES {officeRows}) t(office_code, zone, main_entry);
            CREATE TABLE fact AS
            SELECT c.declaration_id, c.declaration_type, c.office_code, c.mode_of_transport, c.control_channel,
                   try_cast(c.business_date AS DATE) AS business_date, c.aeo = '1' AS aeo,
                   timezone(o.zone, try_strptime(c.arrival_local, '%Y-%m-%d %H:%M:%S')) AS arrival_utc,
                   timezone(o.zone, try_strptime(c.lodged_local, '%Y-%m-%d %H:%M:%S')) AS lodged_utc,
                   timezone(o.zone, try_strptime(c.released_local, '%Y-%m-%d %H:%M:%S')) AS released_utc,
                   o.main_entry
            FROM read_csv('{csv}', header = true, all_varchar = true) c JOIN office o USING (office_code);
            COPY (
                SELECT date_trunc('month', business_date) AS period, mode_of_transport, aeo, office_code, control_channel,
                       avg(epoch(released_utc - arrival_utc) / 60) AS mean_min,
                       quantile_cont(epoch(released_utc - arrival_utc) / 60, 0.5) AS median_min,
                       quantile_cont(epoch(released_utc - arrival_utc) / 60, 0.9) AS p90_min,
                       count(*) AS n
                FROM fact
                WHERE declaration_type = 'IMPORT' AND main_entry AND arrival_utc IS NOT NULL AND released_utc IS NOT NULL
                GROUP BY GROUPING SETS ((period), (period, mode_of_transport), (period, aeo), (period, office_code), (period, control_channel))
            ) TO '{parquet}' (FORMAT PARQUET, COMPRESSION SNAPPY);
            """);
        return watch.Elapsed;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
