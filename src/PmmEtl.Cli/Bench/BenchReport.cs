using System.Globalization;
using PmmEtl.Publish.Changes;

namespace PmmEtl.Cli.Bench;

/// <summary>What one <c>pmm-etl bench</c> measured.</summary>
internal sealed class BenchResults
{
    public int Declarations { get; init; }
    public string LoadBefore { get; init; } = "";
    public string LoadAfter { get; set; } = "";
    public TimeSpan Generated { get; set; }
    public long IncrementRows { get; set; }
    public string IncrementWindow { get; set; } = "";
    public ChildRun? Ours { get; set; }
    public TimeSpan Reference { get; set; }
    public TimeSpan ReferenceCpu { get; set; }
    public ChildRun? Increment { get; set; }
    public ChildRun? Postgres { get; set; }
    public string? PostgresSkipped { get; set; }

    /// <summary>The night's published values against the full run's (the same source, so they must be identical).</summary>
    public ValueFileDifference? NightAgainstFull { get; set; }

    /// <summary>PostgreSQL's published values against DuckDB's.</summary>
    public ValueFileDifference? PostgresAgainstDuckDb { get; set; }
}

/// <summary>The benchmark's Markdown: every target with its measured value, and the load of the machine meanwhile.</summary>
internal static class BenchReport
{
    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine, what the wall times must be read against.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Markdown(BenchResults r)
    {
        ChildRun ours = r.Ours!;
        ChildRun nightly = r.Increment!;
        long read = ours.Rows("rows_read");
        double ratio = ours.Wall.TotalSeconds / r.Reference.TotalSeconds;
        // Issue 16's targets: the ratio and the night are set for a 1M and a 10M year.
        bool large = r.Declarations >= 5_000_000;
        string markdown = $"""

            ### {r.Declarations:N0} declarations ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, load average {r.LoadBefore} before, {r.LoadAfter} after)

            | measure | value |
            |---|---:|
            | source generated (not timed below) | {(r.Generated == TimeSpan.Zero ? "reused (`--reuse-source`)" : S(r.Generated))} |
            | ours, whole run as a process (CSV → DuckDB → KPIs → Parquet) | {S(ours.Wall)} (CPU {S(ours.Cpu)}) |
            | rows per second | {read / ours.Wall.TotalSeconds:N0} |
            | extract + normalise + append / merge / measure / publish | {Stages(ours)} ms |
            | peak memory (RSS, target < 1 GB) | {ours.PeakRssMb:N0} MB |
            | DuckDB SQL reference on the same CSV | {S(r.Reference)} (CPU {S(r.ReferenceCpu)}) |
            | ratio ours / reference (target ≤ {(large ? "0.35" : "0.6")}) | {ratio:N2} |
            | nightly increment: {nightly.Rows("rows_read"):N0} declarations of the year's last days re-read (`{r.IncrementWindow}`), year re-measured, process start included (target ≤ {(large ? 4 : 3)} s) | {S(nightly.Wall)} (CPU {S(nightly.Cpu)}) |
            | increment: extract + normalise + append / merge / measure / publish | {Stages(nightly)} ms |
            | peak memory of the increment | {nightly.PeakRssMb:N0} MB |
            | the increment's published values against the full run's (must be identical) | {r.NightAgainstFull}; records the night replaced as moved into its window: {nightly.Result.Records.Sum(x => x.Moved):N0} |

            """;
        return markdown + Postgres(r) + "\n";
    }

    private static string Postgres(BenchResults r)
    {
        if (r.Postgres is not { } pg)
        {
            return r.PostgresSkipped is null ? "" : $"| PostgreSQL | not measured: {r.PostgresSkipped} |\n";
        }

        long staged = pg.Rows("rows_loaded") + pg.Rows("rows_quarantined");
        return $"""
            | PostgreSQL, whole run as a process (target ≤ 2× ours on DuckDB) | {S(pg.Wall)} (CPU of our process {S(pg.Cpu)}): {pg.Wall / r.Ours!.Wall:N1}× ours on DuckDB |
            | PostgreSQL: extract + normalise + binary COPY into the fact (target ≥ 150,000 rows/s) | {pg.Rows("rows_read") / (pg.StageMs("extract_normalise_append") / 1000.0):N0} rows/s ({pg.StageMs("extract_normalise_append"):N0} ms) |
            | PostgreSQL: merge (later copies of an id settled, bookkeeping, ANALYZE) | {staged / (pg.StageMs("merge") / 1000.0):N0} rows/s ({pg.StageMs("merge"):N0} ms) |
            | PostgreSQL: measure (target at 1M ≤ 5 s) / publish | {pg.StageMs("measure"):N0} / {pg.StageMs("publish"):N0} ms |
            | PostgreSQL: peak memory of our process | {pg.PeakRssMb:N0} MB |
            | PostgreSQL's published values against DuckDB's (must be identical) | {r.PostgresAgainstDuckDb} |

            """;
    }

    private static string Stages(ChildRun run) => string.Join(" / ",
        new[] { "extract_normalise_append", "merge", "measure", "publish" }.Select(s => run.StageMs(s).ToString("N0", CultureInfo.InvariantCulture)));

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + " s";
}
