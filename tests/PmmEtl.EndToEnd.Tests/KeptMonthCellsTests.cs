using System.Globalization;
using System.Text;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Testing;
using PmmEtl.Warehouse.DuckDb;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Warehouse.Postgres;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.EndToEnd.Tests;

/// <summary>On DuckDB, whose path without keeping is its own <c>quantile_cont</c>: a second path for the percentiles too.</summary>
public sealed class DuckDbKeptMonthCellsTests : KeptMonthCellsCases
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pmmetl-kept-").FullName;

    protected override SqlWarehouse Open() => DuckDbWarehouse.Open(Path.Combine(_folder, "w.duckdb"));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>On a real PostgreSQL server (its percentiles proven against <c>percentile_cont</c> in <see cref="PostgresExactPercentileTests"/>).</summary>
public sealed class PostgresKeptMonthCellsTests(PostgresServer postgres) : KeptMonthCellsCases
{
    protected override SqlWarehouse Open() => PostgresWarehouse.Open(postgres.NewDatabase());
}

/// <summary>
/// The kept month cells (<see cref="KeptMonths"/>) against a measure that keeps nothing: after any sequence of changes
/// to the rows (a window re-loaded, a record moved to another month, a month deleted, rows added, an office that stops
/// being a main point of entry, a record whose change reaches other months through a related record of its own type), a measure that
/// reads kept months back gives exactly the cells and percentiles of one that reads the year again. And it does read
/// them back: the months it computed are counted, and worked out by hand for each step.
/// </summary>
public abstract class KeptMonthCellsCases : IDisposable
{
    private static readonly LocalDate From = new(2025, 1, 1);
    private static readonly LocalDate To = new(2026, 1, 1);
    private SqlWarehouse? _opened;

    protected SqlWarehouse Warehouse
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

    protected abstract SqlWarehouse Open();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) => _opened?.Dispose();

    /// <summary>Excluded: a RED declaration, and one lodged at an office that is not a main point of entry (the office reference).</summary>
    private static readonly PopulationMeasure Measure = new("declaration", new FieldPresent("declaration_id"))
    {
        Exclusions =
        [
            new Exclusion("RED", new FieldIn("control_channel", ["RED"]), "excluded by channel"),
            new Exclusion("INLAND", new NotCondition(new OfficeHasRole(OfficeRole.MainEntry)), "not a main point of entry"),
        ],
        Numerator = new FieldIsTrue("aeo", true),
        Duration = DurationFields.WithActors("arrival_to_release"),
    };

    /// <summary>
    /// Also excluded: a declaration whose trader has one in the NII channel, in any month. It reads its own table
    /// through a related record, so a change in one month can change every month's cells.
    /// </summary>
    private static readonly PopulationMeasure Related = Measure with
    {
        Exclusions =
        [
            .. Measure.Exclusions,
            new Exclusion("NIIED_TRADER", new RelatedExists("declaration", "trader_id", new FieldIn("control_channel", ["NII"]), null), "trader inspected"),
        ],
    };

    /// <summary>The same population but another channel excluded: its own key, so neither reads the other's months.</summary>
    private static readonly PopulationMeasure OtherChannel = Measure with
    {
        Exclusions = [new Exclusion("YELLOW", new FieldIn("control_channel", ["YELLOW"]), "excluded by channel")],
    };

    private static readonly Breakdown[] Groupings =
    [
        new(BreakdownKind.Office, Disclosure.Public) { Field = "office_code" },
        new(BreakdownKind.Regime, Disclosure.Public) { Field = "trader_id" },
    ];

    private static readonly DurationPart[] Parts = [DurationPart.Total, DurationPart.Business, DurationPart.Oga, DurationPart.Customs];

    [Fact]
    public void Each_change_computes_only_the_months_it_touched_and_the_cells_equal_a_measure_that_keeps_nothing()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        Insert(Rows(new Random(7), 2400));

        // Every month holds rows: a first measure computes the twelve, a second reads all twelve back. The four
        // quarters' percentiles are kept beside them, and the twelve months' histograms.
        Assert.Equal((0, 12), MeasureAndCompare());
        Assert.Equal(28L, new SqlCommands(Warehouse.Connection, Warehouse.Dialect).Long("SELECT count(*) FROM measure_kept_month"));
        Assert.Equal((12, 0), MeasureAndCompare());

        // Kept months that cannot be read (not JSON, cut short) are computed again, and kept anew.
        Execute("UPDATE measure_kept_month SET payload = 'not json' WHERE month = DATE '2025-02-01'");
        Execute("UPDATE measure_kept_month SET payload = '{\"c\":[[null,true' WHERE month = DATE '2025-04-01'");
        Assert.Equal((10, 2), MeasureAndCompare());
        Assert.Equal((12, 0), MeasureAndCompare());

        // A window re-loaded with other durations in March: March alone.
        Execute("UPDATE fact_declaration SET arrival_to_release_min = arrival_to_release_min + 7, run_id = 'night' WHERE business_date >= DATE '2025-03-10' AND business_date < DATE '2025-03-20'");
        Assert.Equal((11, 1), MeasureAndCompare());

        // A record moved from May to August: both months.
        Execute("UPDATE fact_declaration SET business_date = DATE '2025-08-02' WHERE declaration_id = (SELECT min(declaration_id) FROM fact_declaration WHERE business_date >= DATE '2025-05-01' AND business_date < DATE '2025-06-01')");
        Assert.Equal((10, 2), MeasureAndCompare());

        // June deleted: eleven months left, none computed; its kept month is forgotten.
        Execute("DELETE FROM fact_declaration WHERE business_date >= DATE '2025-06-01' AND business_date < DATE '2025-07-01'");
        Assert.Equal((11, 0), MeasureAndCompare());
        Assert.Equal(0L, new SqlCommands(Warehouse.Connection, Warehouse.Dialect).Long("SELECT count(*) FROM measure_kept_month WHERE month = @m", ("m", new DateOnly(2025, 6, 1))));

        // Rows for June again: June alone.
        Insert(Rows(new Random(8), 40).Select(r => r with { Date = new LocalDate(2025, 6, 1 + (r.Date.Day % 28)) }).ToList(), first: 10_000);
        Assert.Equal((11, 1), MeasureAndCompare());

        // The depot becomes a main point of entry: every month reads the office reference.
        Execute($"UPDATE dim_office SET is_main_entry = {Warehouse.Dialect.BoolLiteral(true)} WHERE office_code = 'DEPOT'");
        Assert.Equal((0, 12), MeasureAndCompare());

        // The population that reads its own table through a related record computes every month at its first measure
        // and after any change; the other, April alone. One declaration put in the NII channel in April excludes
        // its trader's declarations in every month.
        Assert.Equal((0, 12), MeasureAndCompare(Related));
        Assert.Equal((12, 0), MeasureAndCompare(Related));
        Execute("UPDATE fact_declaration SET control_channel = 'NII' WHERE declaration_id = (SELECT min(declaration_id) FROM fact_declaration WHERE business_date >= DATE '2025-04-01' AND business_date < DATE '2025-05-01' AND trader_id = 'T1')");
        Assert.Equal((0, 12), MeasureAndCompare(Related));
        Assert.Equal((11, 1), MeasureAndCompare());

        // Another population is kept under its own key: all its months computed, then read back.
        Assert.Equal((0, 12), MeasureAndCompare(OtherChannel));
        Assert.Equal((12, 0), MeasureAndCompare(OtherChannel));
        Assert.Equal((12, 0), MeasureAndCompare());
    }

    [Fact]
    public void Any_sequence_of_changes_gives_the_cells_of_a_measure_that_keeps_nothing()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        var random = new Random(20251207);
        Insert(Rows(random, 1500));
        int next = 100_000;
        MeasureAndCompare();
        MeasureAndCompare(Related);
        for (int step = 0; step < 20; step++)
        {
            int month = 1 + random.Next(12);
            string span = $"business_date >= DATE '2025-{month:00}-01' AND business_date < DATE '{(month == 12 ? "2026-01-01" : $"2025-{month + 1:00}-01")}'";
            switch (random.Next(6))
            {
                case 0: // a window re-loaded with other values
                    Execute($"UPDATE fact_declaration SET arrival_to_release_customs_min = arrival_to_release_customs_min * 2, run_id = 'r{step}' WHERE {span} AND source_row % 3 = 0");
                    break;
                case 1: // records moved to another month
                    Execute($"UPDATE fact_declaration SET business_date = DATE '2025-{1 + random.Next(12):00}-15' WHERE {span} AND source_row % 5 = 0");
                    break;
                case 2: // a month's rows deleted in part
                    Execute($"DELETE FROM fact_declaration WHERE {span} AND source_row % 2 = 0");
                    break;
                case 3: // rows added
                    Insert(Rows(random, 30), next);
                    next += 30;
                    break;
                case 4: // the office reference changes
                    Execute($"UPDATE dim_office SET is_main_entry = {Warehouse.Dialect.BoolLiteral(random.Next(2) == 0)} WHERE office_code = 'DEPOT'");
                    break;
                default: // a channel changed, which reaches other months through the related record
                    Execute($"UPDATE fact_declaration SET control_channel = '{(random.Next(2) == 0 ? "NII" : "GREEN")}' WHERE {span} AND source_row % 7 = 0");
                    break;
            }

            MeasureAndCompare();
            MeasureAndCompare(Related);
        }
    }

    [Fact]
    public void A_quarter_only_partly_in_the_span_is_ranked_from_the_months_in_it_not_read_back()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        Insert(Rows(new Random(10), 1200));
        MeasureAndCompare();

        // February to November: the first and last quarters hold only some of their months here, whose percentiles
        // differ from the whole quarters' kept by the year's measure; the months themselves are read back. What is
        // kept of the whole quarters stays as it was.
        // The months only gain the values of bins the partial periods asked of them (their ranks differ from the whole
        // periods'); nothing they held changes.
        string before = KeptRows(withoutValues: true);
        List<string> valuesBefore = KeptValues();
        Assert.Equal((10, 0), MeasureAndCompare(from: new LocalDate(2025, 2, 1), to: new LocalDate(2025, 12, 1)));
        Assert.Equal(before, KeptRows(withoutValues: true));
        List<string> valuesAfter = KeptValues();
        Assert.Empty(valuesBefore.Except(valuesAfter));
        Assert.NotEmpty(valuesAfter.Except(valuesBefore));
        Assert.Equal((12, 0), MeasureAndCompare());
    }

    [Fact]
    public void Another_years_rows_neither_stale_the_measured_years_months_nor_reach_its_values()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        Insert(Rows(new Random(12), 1200));
        // A fifth of the rows a year earlier, in every month: the warehouse holds 2024 and 2025.
        Execute("UPDATE fact_declaration SET business_date = CAST(business_date - INTERVAL '1 year' AS DATE) WHERE source_row % 5 = 0");

        // The fingerprints of a span hash the span's rows alone.
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        IReadOnlyDictionary<LocalDate, string> prints = new KeptMonths(sql, Warehouse.Dialect).Prints("fact_declaration", "business_date", [], From, To);
        Assert.Equal(Enumerable.Range(0, 12).Select(From.PlusMonths), prints.Keys.Order());
        Assert.Equal((0, 12), MeasureAndCompare());
        Assert.Equal((0, 12), MeasureAndCompare(from: new LocalDate(2024, 1, 1), to: new LocalDate(2025, 1, 1)));

        // 2024 changed throughout: 2025's months are read back whole, 2024's computed again.
        Execute("UPDATE fact_declaration SET arrival_to_release_min = arrival_to_release_min + 1 WHERE business_date < DATE '2025-01-01'");
        Assert.Equal((12, 0), MeasureAndCompare());
        Assert.Equal((0, 12), MeasureAndCompare(from: new LocalDate(2024, 1, 1), to: new LocalDate(2025, 1, 1)));

        // A span of both years reads each year's months back.
        Assert.Equal((24, 0), MeasureAndCompare(from: new LocalDate(2024, 1, 1), to: new LocalDate(2026, 1, 1)));
    }

    [Fact]
    public void The_years_level_2_reads_the_bin_values_its_months_keep_a_month_that_lacks_one_gains_it_and_one_that_does_not_fit_is_computed_again()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        Insert(Rows(new Random(11), 6000));
        MeasureAndCompare();
        Assert.NotEmpty(KeptValues(new LocalDate(2025, 3, 1)));

        // March's kept values emptied: the year's level 2 asks the engine for March's bins again (the values still equal
        // the unkept path's), March stays read back, and keeps anew those the year asked, as they were (the first
        // quarter's are not asked again: its percentiles are kept).
        List<string> march = KeptValues(new LocalDate(2025, 3, 1));
        EditValues(new LocalDate(2025, 3, 1), values => values.Clear());
        Assert.Empty(KeptValues(new LocalDate(2025, 3, 1)));
        Assert.Equal((12, 0), MeasureAndCompare());
        List<string> again = KeptValues(new LocalDate(2025, 3, 1));
        Assert.NotEmpty(again);
        Assert.Empty(again.Except(march));

        // March's kept values altered by hand so that they still fit its bin counts (each bin's values all made its
        // least, as many), its fingerprint left: the year's level 2 reads them, not the rows, so the year's percentiles
        // move and no longer equal the rows'.
        EditValues(new LocalDate(2025, 3, 1), values =>
        {
            foreach (System.Text.Json.Nodes.JsonNode? bin in values)
            {
                System.Text.Json.Nodes.JsonArray pairs = bin![4]!.AsArray();
                if (pairs.Count > 2)
                {
                    double least = pairs[0]!.GetValue<double>();
                    long count = Enumerable.Range(0, pairs.Count / 2).Sum(i => pairs[(2 * i) + 1]!.GetValue<long>());
                    pairs.Clear();
                    pairs.Add(least);
                    pairs.Add(count);
                }
            }
        });
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        List<string> plain = Lines(new SqlKpiAggregator(sql, Warehouse.Dialect).Cells(Measure, Groupings, Parts, From, To));
        var keptAggregator = (SqlKpiAggregator)new SqlKpiAggregator(sql, Warehouse.Dialect, kept: new KeptMonths(sql, Warehouse.Dialect)).ForOneMeasure();
        Assert.NotEqual(plain, Lines(keptAggregator.Cells(Measure, Groupings, Parts, From, To)));
        Assert.Equal((12, 0), keptAggregator.KeptMonthCounts);

        // March's kept counts altered by hand, fingerprint left: its values no longer match its own bin counts, so March
        // is refused like an unreadable month and computed again from its rows, equal to them, never a false percentile.
        EditValues(new LocalDate(2025, 3, 1), values =>
        {
            foreach (System.Text.Json.Nodes.JsonNode? bin in values)
            {
                System.Text.Json.Nodes.JsonArray pairs = bin![4]!.AsArray();
                if (pairs.Count > 0)
                {
                    pairs[1] = pairs[1]!.GetValue<long>() + 1;
                }
            }
        });
        var refusing = (SqlKpiAggregator)new SqlKpiAggregator(sql, Warehouse.Dialect, kept: new KeptMonths(sql, Warehouse.Dialect)).ForOneMeasure();
        Assert.Equal(plain, Lines(refusing.Cells(Measure, Groupings, Parts, From, To)));
        Assert.Equal((11, 1), refusing.KeptMonthCounts);
        Assert.Equal((12, 0), MeasureAndCompare());
    }

    [Fact]
    public void A_span_that_is_not_whole_months_is_measured_without_the_kept_months()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        Insert(Rows(new Random(9), 300));
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        var kept = (SqlKpiAggregator)new SqlKpiAggregator(sql, Warehouse.Dialect, kept: new KeptMonths(sql, Warehouse.Dialect)).ForOneMeasure();
        PopulationCells cells = kept.Cells(Measure, Groupings, Parts, new LocalDate(2025, 3, 15), new LocalDate(2025, 9, 1));
        PopulationCells plain = new SqlKpiAggregator(sql, Warehouse.Dialect).Cells(Measure, Groupings, Parts, new LocalDate(2025, 3, 15), new LocalDate(2025, 9, 1));
        Assert.Equal(Lines(plain), Lines(cells));
        Assert.Equal((0, 0), kept.KeptMonthCounts);
    }

    /// <summary>
    /// A count variable is kept by month too: with a filter that reads the office reference and with and without a
    /// breakdown, after each change its kept count equals one counted from the rows; and a month read back is what
    /// the count holds (a kept count altered by hand shows, until the month's rows change).
    /// </summary>
    [Fact]
    public void A_count_variable_is_kept_by_month_and_equals_one_counted_from_the_rows_after_each_change()
    {
        Offices(("SEA", true), ("AIR", true), ("DEPOT", false));
        Insert(Rows(new Random(13), 1200));
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        Assert.Null(VariableQuery.ByMonth(Warehouse.Dialect, Declarations with { Aggregate = new CountDistinct("trader_id") }, null));
        CountAndCompare();
        Assert.Equal(24L, sql.Long("SELECT count(*) FROM measure_kept_month"));

        // March's total altered by hand, its fingerprint left: read back, so the year's total moves by what was put in.
        long march = Count(new SqlKpiAggregator(sql, Warehouse.Dialect), null, new LocalDate(2025, 3, 1), new LocalDate(2025, 4, 1))[0].Records;
        long year = Count(new SqlKpiAggregator(sql, Warehouse.Dialect), null, From, To)[0].Records;
        Execute($"UPDATE measure_kept_month SET payload = '{{\"c\":[],\"b\":[[0,-1,null,0,1000,null,null]],\"q\":[],\"v\":[]}}' WHERE month = DATE '2025-03-01' AND payload NOT LIKE '%[0,0,\"%'");
        Assert.Equal(year - march + 1000, Count(Kept(sql), null, From, To)[0].Records);

        // Changes: March's rows, a record moved from May to August, the office reference: each counted again where it
        // reaches, equal to the rows.
        Execute("UPDATE fact_declaration SET control_channel = 'RED' WHERE business_date >= DATE '2025-03-01' AND business_date < DATE '2025-04-01' AND source_row % 5 = 0");
        CountAndCompare();
        Execute("UPDATE fact_declaration SET business_date = DATE '2025-08-02' WHERE declaration_id = (SELECT min(declaration_id) FROM fact_declaration WHERE business_date >= DATE '2025-05-01' AND business_date < DATE '2025-06-01')");
        CountAndCompare();
        Execute($"UPDATE dim_office SET is_main_entry = {Warehouse.Dialect.BoolLiteral(true)} WHERE office_code = 'DEPOT'");
        CountAndCompare();
        Execute("DELETE FROM fact_declaration WHERE business_date >= DATE '2025-10-01' AND business_date < DATE '2025-11-01'");
        CountAndCompare();
    }

    /// <summary>Declarations at a main point of entry, by their date.</summary>
    private static readonly KpiVariable Declarations = new("declarations", "declarations at a main point of entry", "declaration", RecordAggregate.Rows,
        RecordTiming.On("business_date"), new OfficeHasRole(OfficeRole.MainEntry));

    private void CountAndCompare()
    {
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        foreach (string? breakdown in new[] { null, "control_channel" })
        {
            List<VariableValue> plain = Count(new SqlKpiAggregator(sql, Warehouse.Dialect), breakdown, From, To);
            Assert.True(plain[0].Records > 100, $"{plain[0].Records} records");
            Assert.Equal(breakdown is null ? 1 : 4, plain.Count);
            Assert.Equal(plain, Count(Kept(sql), breakdown, From, To));
        }
    }

    private IKpiAggregator Kept(SqlCommands sql) => new SqlKpiAggregator(sql, Warehouse.Dialect, kept: new KeptMonths(sql, Warehouse.Dialect)).ForOneMeasure();

    private static List<VariableValue> Count(IKpiAggregator aggregator, string? breakdown, LocalDate from, LocalDate to) =>
        [.. aggregator.Evaluate(Declarations, from, to, breakdown)];

    /// <summary>Measures the year (or the span given) with a fresh measure's kept months and without; asserts both equal; returns (reused, computed).</summary>
    private (int Reused, int Computed) MeasureAndCompare(PopulationMeasure? measure = null, LocalDate? from = null, LocalDate? to = null)
    {
        measure ??= Measure;
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        var kept = (SqlKpiAggregator)new SqlKpiAggregator(sql, Warehouse.Dialect, kept: new KeptMonths(sql, Warehouse.Dialect)).ForOneMeasure();
        PopulationCells fromKept = kept.Cells(measure, Groupings, Parts, from ?? From, to ?? To);
        PopulationCells plain = new SqlKpiAggregator(sql, Warehouse.Dialect).Cells(measure, Groupings, Parts, from ?? From, to ?? To);
        List<string> expected = Lines(plain);
        Assert.True(expected.Count > 100, $"{expected.Count} lines");
        Assert.Equal(expected, Lines(fromKept));

        // The histogram of the whole interval is kept by month too: equal to one read from the rows, with the same
        // months read back and computed as the cells (the same rows decide both).
        var keptHistogram = (SqlKpiAggregator)new SqlKpiAggregator(sql, Warehouse.Dialect, kept: new KeptMonths(sql, Warehouse.Dialect)).ForOneMeasure();
        IReadOnlyDictionary<int, long> histogram = keptHistogram.Distribution(measure, from ?? From, to ?? To);
        IReadOnlyDictionary<int, long> plainHistogram = new SqlKpiAggregator(sql, Warehouse.Dialect).Distribution(measure, from ?? From, to ?? To);
        // Every measured whole interval falls in one bin.
        Assert.Equal(plain.Cells.Where(c => c.Exclusion is null).Sum(c => c.Parts[0].Count), plainHistogram.Values.Sum());
        Assert.Equal(plainHistogram.OrderBy(b => b.Key), histogram.OrderBy(b => b.Key));
        Assert.Equal(kept.KeptMonthCounts, keptHistogram.KeptMonthCounts);
        return kept.KeptMonthCounts;
    }

    private string KeptRows(bool withoutValues = false) => string.Join("\n", new SqlCommands(Warehouse.Connection, Warehouse.Dialect)
        .Rows("SELECT population_key, month, fingerprint, payload FROM measure_kept_month ORDER BY population_key, month")
        .Select(r => $"{r.GetString(0)} {r.GetValue(1)} {r.GetString(2)} {(withoutValues ? WithoutValues(r.GetString(3)) : r.GetString(3))}"));

    private static string WithoutValues(string payload)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
        json.Remove("v");
        return json.ToJsonString();
    }

    /// <summary>Every kept bin's values (of one month, or of all), one line each with its key and month.</summary>
    private List<string> KeptValues(LocalDate? month = null) =>
    [
        .. new SqlCommands(Warehouse.Connection, Warehouse.Dialect)
            .Rows("SELECT population_key, month, payload FROM measure_kept_month ORDER BY population_key, month")
            .Select(r => (Key: r.GetString(0), Month: LocalDate.FromDateOnly(Read.Date(r, 1)), Payload: r.GetString(2)))
            .Where(r => month is null || r.Month == month)
            .SelectMany(r => System.Text.Json.Nodes.JsonNode.Parse(r.Payload)!["v"]!.AsArray().Select(v => $"{r.Key} {r.Month} {v!.ToJsonString()}")),
    ];

    /// <summary>Changes the kept bin values of a month's cells in place, its fingerprint left as it is.</summary>
    private void EditValues(LocalDate month, Action<System.Text.Json.Nodes.JsonArray> edit)
    {
        var sql = new SqlCommands(Warehouse.Connection, Warehouse.Dialect);
        var rows = sql.Rows("SELECT population_key, payload FROM measure_kept_month WHERE month = @month", ("month", month.ToDateOnly()))
            .Select(r => (Key: r.GetString(0), Payload: r.GetString(1))).ToList();
        foreach ((string key, string payload) in rows)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
            edit(json["v"]!.AsArray());
            sql.Execute("UPDATE measure_kept_month SET payload = @payload WHERE population_key = @key AND month = @month",
                ("payload", json.ToJsonString()), ("key", key), ("month", month.ToDateOnly()));
        }
    }

    private static List<string> Lines(PopulationCells cells) =>
    [
        .. cells.Cells.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"cell {c.Month:yyyy-MM} {c.Exclusion} {c.Hit} {string.Join('/', c.Values.Select(v => v ?? "<null>"))} {c.Rows} {string.Join(" ", c.Parts.Select(p => $"{p.Count}:{p.Sum}:{p.Min:R}:{p.Max:R}"))}"))
            .Order(StringComparer.Ordinal),
        .. cells.Percentiles.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"pct {p.Key.PeriodType} {p.Key.Start:yyyy-MM-dd} {p.Key.Grouping} {p.Key.Value ?? "<null>"} {p.Key.Part} {p.Value.Median:R} {p.Value.P90:R}"))
            .Order(StringComparer.Ordinal),
    ];

    private sealed record Row(string Office, string Trader, LocalDate Date, string Channel, bool Aeo, double Total, double Business, double? Oga, double Customs);

    /// <summary>Whole seconds over 60, as the normaliser computes minutes from instants; every month of 2025 gets rows.</summary>
    private static List<Row> Rows(Random random, int count)
    {
        string[] offices = ["SEA", "AIR", "DEPOT"];
        string[] traders = ["T1", "T2", "T3", "T'4"];
        string[] channels = ["GREEN", "GREEN", "GREEN", "YELLOW", "RED"];
        var rows = new List<Row>();
        for (int i = 0; i < count; i++)
        {
            LocalDate date = From.PlusMonths(i % 12).PlusDays(random.Next(28));
            double total = Math.Round(random.NextDouble() * 3000 * 60) / 60;
            double business = Math.Floor(total * random.NextDouble() * 60) / 60;
            double? oga = random.Next(4) == 0 ? null : Math.Round(random.NextDouble() * 600 * 60) / 60;
            rows.Add(new Row(offices[random.Next(3)], traders[random.Next(4)], date, channels[random.Next(channels.Length)], random.Next(3) == 0,
                total, business, oga, total - business));
        }

        return rows;
    }

    private void Offices(params (string Code, bool MainEntry)[] offices)
    {
        foreach ((string code, bool mainEntry) in offices)
        {
            Execute($"INSERT INTO dim_office (office_code, name, office_type, country, iana_zone, is_main_entry, is_main_exit) VALUES ('{code}', '{code}', 'SEAPORT', 'FR', 'Europe/Paris', {Warehouse.Dialect.BoolLiteral(mainEntry)}, {Warehouse.Dialect.BoolLiteral(false)})");
        }
    }

    private void Execute(string statement) => new SqlCommands(Warehouse.Connection, Warehouse.Dialect).Execute(statement);

    private void Insert(List<Row> rows, int first = 0)
    {
        string Double(double? v) => v is { } d ? $"CAST('{d.ToString("R", CultureInfo.InvariantCulture)}' AS {Warehouse.Dialect.DoubleType})" : "NULL";
        var values = new StringBuilder();
        foreach ((Row r, int i) in rows.Select((r, i) => (r, first + i)))
        {
            values.Append(values.Length == 0 ? "" : ",\n").Append(CultureInfo.InvariantCulture,
                $"('D{i:000000}', 'IMPORT', 'IMPORT', '{r.Office}', DATE '{r.Date:yyyy-MM-dd}', {(r.Date.Year * 10000) + (r.Date.Month * 100) + r.Date.Day}, 'SEA', '{r.Channel}', '{r.Trader.Replace("'", "''", StringComparison.Ordinal)}', ")
                .Append(CultureInfo.InvariantCulture, $"{Warehouse.Dialect.BoolLiteral(r.Aeo)}, {Double(r.Total)}, {Double(r.Business)}, {Double(r.Oga)}, {Double(r.Customs)}, 'test', {i}, 'run')");
        }

        Execute($"""
            INSERT INTO fact_declaration (declaration_id, declaration_type, direction, office_code, business_date, date_key, mode_of_transport,
                control_channel, trader_id, is_aeo, arrival_to_release_min, arrival_to_release_business_min, arrival_to_release_oga_min,
                arrival_to_release_customs_min, source_name, source_row, run_id)
            VALUES {values}
            """);
    }
}
