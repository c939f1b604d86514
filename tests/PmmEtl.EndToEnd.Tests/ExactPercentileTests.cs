using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Warehouse.Sql;
using PmmEtl.Testing;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>On DuckDB, by the rank search (SQL Server's path, which no test here can run): bit for bit equal to <c>quantile_cont</c>.</summary>
public sealed class DuckDbExactPercentileTests : DuckDbPercentileCases
{
    protected override bool RankSearch => true;
}

/// <summary>On DuckDB, by its own aggregate (the path DuckDB warehouses take): equal to <c>quantile_cont</c> too.</summary>
public sealed class DuckDbAggregatePercentileTests : DuckDbPercentileCases
{
    protected override bool RankSearch => false;
}

public abstract class DuckDbPercentileCases : ExactPercentileCases
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pmmetl-percentiles-").FullName;

    protected override SqlWarehouse Open() => DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));

    protected override string Quantile(string column, double q) => string.Create(CultureInfo.InvariantCulture, $"quantile_cont({column}, {q})");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>On a real PostgreSQL server: bit for bit equal to <c>percentile_cont</c>.</summary>
public sealed class PostgresExactPercentileTests(PostgresServer postgres) : ExactPercentileCases
{
    protected override bool RankSearch => false; // the engine's own choice: PostgreSQL has no aggregate path

    protected override SqlWarehouse Open() => PostgresWarehouse.Open(postgres.NewDatabase());

    protected override string Quantile(string column, double q) => string.Create(CultureInfo.InvariantCulture, $"percentile_cont({q}) WITHIN GROUP (ORDER BY {column})");
}

/// <summary>
/// The two-level rank search (<see cref="RankSearch"/>) against the second path it replaces: the engine's own
/// continuous percentile over the raw values, for every period type, grouping, value and duration part, compared bit for
/// bit. The year is generated with a fixed seed and holds what can go wrong: groups of one and two values, ties
/// (a run of equal values wider than any offset), values on, just under and just over every bin edge (and past the
/// last octave), durations measured across both of the year's DST changes in Paris, NULL grouping values, parts not
/// measured, and excluded records.
/// </summary>
public abstract class ExactPercentileCases : IDisposable
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private SqlWarehouse? _opened;

    private SqlWarehouse Warehouse
    {
        get
        {
            if (_opened is null)
            {
                _opened = Open();
                _opened.Migrate();
            }

            return _opened;
        }
    }

    private string Double => Warehouse.Dialect.DoubleType;

    protected abstract SqlWarehouse Open();

    /// <summary>True: the rank search even where the engine has a percentile aggregate it prefers.</summary>
    protected abstract bool RankSearch { get; }

    /// <summary>The engine's own continuous percentile aggregate of a column.</summary>
    protected abstract string Quantile(string column, double q);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => _opened?.Dispose();

    private static readonly PopulationMeasure Measure = new("declaration", new FieldPresent("declaration_id"))
    {
        Exclusions = [new Exclusion("RED", new FieldIn("control_channel", ["RED"]), "excluded by channel")],
        Duration = DurationFields.WithActors("arrival_to_release"),
    };

    private static readonly Breakdown[] Groupings =
    [
        new(BreakdownKind.Office, Disclosure.Public) { Field = "office_code" },
        new(BreakdownKind.Regime, Disclosure.Public) { Field = "trader_id" },
    ];

    private static readonly DurationPart[] Parts = [DurationPart.Total, DurationPart.Business, DurationPart.Oga, DurationPart.Customs];

    private static readonly string[] Columns = ["arrival_to_release_min", "arrival_to_release_business_min", "arrival_to_release_oga_min", "arrival_to_release_customs_min"];

    [Fact]
    public void Every_groups_median_and_p90_equal_quantile_cont_over_the_raw_values()
    {
        List<Row> rows = Year();
        Insert(rows);
        // The year holds the hard cases it is meant to (else the comparison below would prove less than it says).
        Assert.Contains(rows, r => r.Office == "ONE");
        Assert.Equal(2, rows.Count(r => r.Office == "TWO"));
        Assert.Contains(rows, r => r.Total == 64.0);

        var aggregator = new SqlKpiAggregator(new SqlCommands(Warehouse.Connection, Warehouse.Dialect), Warehouse.Dialect, RankSearch);
        PopulationCells cells = aggregator.Cells(Measure, Groupings, Parts, new LocalDate(2025, 1, 1), new LocalDate(2026, 1, 1));

        List<string> expected = Expected();
        Assert.True(expected.Count > 150, $"{expected.Count} groups");
        Assert.Contains(expected, e => e.StartsWith("Month 2025-02-01 0 ONE Total", StringComparison.Ordinal));
        Assert.Equal(expected, cells.Percentiles.Select(p => Line(p.Key, p.Value.Median, p.Value.P90)).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void The_sql_bins_are_the_documented_ones_and_keep_the_order_of_values()
    {
        double[] values = [.. Edges().Concat([0, 0.01, 1.5, 17.283333333333335, 1e6]).Order()];
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        string list = string.Join(", ", values.Select((v, i) => $"({i}, CAST('{v.ToString("R", CultureInfo.InvariantCulture)}' AS {Double}))"));
        var bins = new Dictionary<int, int>();
        foreach (var r in sql.Rows($"SELECT i, {RankBins.Sql("v", Double)} FROM (VALUES {list}) AS t (i, v)"))
        {
            bins[Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
        }

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(RankBins.Of(values[i]), bins[i]);
            if (i > 0)
            {
                Assert.True(bins[i] >= bins[i - 1], $"{values[i]} falls in bin {bins[i]}, below the bin of {values[i - 1]}");
            }
        }

        // Worked by hand: 64 = 2^6 opens the first bin of its octave, 1 + 32 × (6 + 3) = 289; just under it is the last bin
        // of the octave before (288); 0.1 (under 2^-3 minutes) is bin 0; 2^16 opens the tail at 1 + 32 × 19 = 609.
        Assert.Equal((289, 288, 0, 609), (RankBins.Of(64), RankBins.Of(Math.BitDecrement(64)), RankBins.Of(0.1), RankBins.Of(65536)));
    }

    private static IEnumerable<double> Edges()
    {
        for (int k = -3; k <= 17; k++)
        {
            double edge = Math.Pow(2, k);
            yield return Math.BitDecrement(edge);
            yield return edge;
            yield return Math.BitIncrement(edge);
        }
    }

    private static string Line(PercentileKey k, double? median, double? p90) =>
        string.Create(CultureInfo.InvariantCulture, $"{k.PeriodType} {k.Start:yyyy-MM-dd} {k.Grouping} {k.Value ?? "<null>"} {k.Part} {median:R} {p90:R}");

    /// <summary>The second path: the engine's plain percentile aggregate per period type, grouping and part, straight from the fact.</summary>
    private List<string> Expected()
    {
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        var lines = new List<string>();
        foreach ((PeriodType type, string unit) in new[] { (PeriodType.Month, "month"), (PeriodType.Quarter, "quarter"), (PeriodType.Year, "year") })
        {
            for (int part = 0; part < Parts.Length; part++)
            {
                foreach ((int grouping, string column) in part == 0 ? new[] { (-1, "CAST(NULL AS VARCHAR(10))"), (0, "office_code"), (1, "trader_id") } : [(-1, "CAST(NULL AS VARCHAR(10))")])
                {
                    foreach (var r in sql.Rows($"""
                        SELECT CAST(date_trunc('{unit}', business_date) AS DATE), {column}, {Quantile(Columns[part], 0.5)}, {Quantile(Columns[part], 0.9)}
                        FROM fact_declaration WHERE control_channel IS DISTINCT FROM 'RED' AND {Columns[part]} IS NOT NULL
                        GROUP BY {(grouping < 0 ? "1" : "1, 2")}
                        """))
                    {
                        var key = new PercentileKey(type, LocalDate.FromDateOnly(Read.Date(r, 0)), grouping, grouping < 0 ? null : Read.NullableText(r, 1), Parts[part]);
                        lines.Add(Line(key, Read.NullableDouble(r, 2), Read.NullableDouble(r, 3)));
                    }
                }
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private sealed record Row(string Office, string? Trader, LocalDate Date, string Channel, double? Total, double? Business, double? Oga, double? Customs);

    /// <summary>A seeded year: minutes are whole seconds over 60, as the normaliser computes them from instants.</summary>
    private static List<Row> Year()
    {
        var random = new Random(20251230);
        var rows = new List<Row>();
        string?[] traders = ["T1", "T2", "T'3", null];
        double Seconds(double maxMinutes) => Duration.FromSeconds(Math.Round(Math.Exp(random.NextDouble() * Math.Log(maxMinutes * 60)))).TotalMinutes;
        double? Maybe(double value) => random.Next(5) == 0 ? null : value;

        for (int i = 0; i < 3000; i++)
        {
            var date = new LocalDate(2025, 1, 1).PlusDays(random.Next(365));
            double total = Seconds(120_000);
            double business = Duration.FromSeconds(Math.Floor(total * 60 * random.NextDouble())).TotalMinutes;
            rows.Add(new Row(random.Next(3) == 0 ? "SMALL" : "BIG", traders[random.Next(traders.Length)], date, random.Next(10) == 0 ? "RED" : "GREEN",
                total, business, Maybe(Seconds(600)), Maybe(total - business)));
        }

        // Every bin edge, just under and just over it, in March.
        foreach (double edge in Edges())
        {
            rows.Add(new Row("EDGE", "T1", new LocalDate(2025, 3, 10), "GREEN", edge, edge, edge, edge));
        }

        // Ties: 40 values of 30 minutes and 10 of 45 in June, so medians and p90 fall inside and at the end of a tie.
        for (int i = 0; i < 50; i++)
        {
            double v = i < 40 ? 30 : 45;
            rows.Add(new Row("TIES", null, new LocalDate(2025, 6, 1 + (i % 28)), "GREEN", v, v, v, v));
        }

        // Groups of one and of two values.
        rows.Add(new Row("ONE", "T2", new LocalDate(2025, 2, 14), "GREEN", 12.5, 0, null, 12.5));
        rows.Add(new Row("TWO", "T2", new LocalDate(2025, 4, 3), "GREEN", 10, 1, 2, 7));
        rows.Add(new Row("TWO", "T2", new LocalDate(2025, 4, 29), "GREEN", 31.016666666666666, 3, 4, 24.016666666666666));

        // DST in Paris: local wall times across the spring gap and the autumn overlap, measured between instants.
        (LocalDateTime From, LocalDateTime To)[] dst =
        [
            (new(2025, 3, 30, 1, 30), new(2025, 3, 30, 3, 30)), // 60 minutes, not 120
            (new(2025, 3, 29, 23, 59, 30), new(2025, 3, 30, 4, 0, 15)),
            (new(2025, 10, 26, 1, 45), new(2025, 10, 26, 3, 15)), // 150 minutes, not 90
            (new(2025, 10, 25, 22, 0, 1), new(2025, 10, 26, 2, 30)),
        ];
        foreach ((LocalDateTime from, LocalDateTime to) in dst)
        {
            double minutes = (to.InZoneLeniently(Paris).ToInstant() - from.InZoneLeniently(Paris).ToInstant()).TotalMinutes;
            rows.Add(new Row("DST", "T1", to.Date, "GREEN", minutes, minutes / 2, null, minutes / 4));
        }

        return rows;
    }

    private void Insert(List<Row> rows)
    {
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        for (int start = 0; start < rows.Count; start += 500)
        {
            var values = new StringBuilder();
            foreach ((Row r, int i) in rows.Skip(start).Take(500).Select((r, i) => (r, start + i)))
            {
                values.Append(values.Length == 0 ? "" : ",\n").Append(CultureInfo.InvariantCulture,
                    $"('D{i}', 'IMPORT', 'IMPORT', '{r.Office}', DATE '{r.Date:yyyy-MM-dd}', {r.Date.Year * 10000 + r.Date.Month * 100 + r.Date.Day}, 'SEA', '{r.Channel}', ")
                    .Append(r.Trader is null ? "NULL" : $"'{r.Trader.Replace("'", "''", StringComparison.Ordinal)}'")
                    .Append(", false, false, false, false, 'EDI', true, false, TIMESTAMP '2025-01-01 00:00:00', ")
                    .Append(string.Join(", ", new[] { r.Total, r.Business, r.Oga, r.Customs }.Select(v => v is { } d ? $"CAST('{d.ToString("R", CultureInfo.InvariantCulture)}' AS {Double})" : "NULL")))
                    .Append(", 'test', 1, 'run')");
            }

            sql.Execute($"""
                INSERT INTO fact_declaration (declaration_id, declaration_type, direction, office_code, business_date, date_key, mode_of_transport,
                    control_channel, trader_id, is_aeo, is_pre_arrival, is_ecommerce, is_low_risk, submission_channel, is_electronic, is_immediate_release,
                    lodged_utc, arrival_to_release_min, arrival_to_release_business_min, arrival_to_release_oga_min, arrival_to_release_customs_min,
                    source_name, source_row, run_id)
                VALUES {values}
                """);
        }
    }
}
