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
        CopyInputs(Path.GetDirectoryName(DemoYamlPath())!, _h.Folder);
    }

    /// <summary>The demo's officer-given inputs (assessment, aggregates, category rules) beside the copied definition.</summary>
    internal static void CopyInputs(string pipelines, string folder)
    {
        string inputs = Path.Combine(pipelines, "demo-inputs");
        Directory.CreateDirectory(Path.Combine(folder, "demo-inputs"));
        foreach (string file in Directory.GetFiles(inputs))
        {
            File.Copy(file, Path.Combine(folder, "demo-inputs", Path.GetFileName(file)), overwrite: true);
        }
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
        Assert.Equal(s.Run.RowsQuarantined, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine WHERE record_type = 'declaration'"));
        // Duplicate ids in the source: all but the first copy of each are quarantined.
        long duplicates = SourceCount("SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) c FROM declaration GROUP BY declaration_id HAVING c > 1)");
        Assert.Equal(duplicates, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine WHERE record_type = 'declaration' AND field = 'declaration_id'"));
        Assert.Equal(s.Run.RecordsQuarantined, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine") - s.Run.RowsQuarantined);
        Assert.True(s.Run.RecordsQuarantined > 0, "every register of the demo carries deliberately bad rows");
        Assert.Contains(s.Snapshots, snapshot => snapshot.Folder.Contains("2025", StringComparison.Ordinal));
    }

    /// <summary>
    /// K12 on the demo, recounted with plain SQL over the loaded records: an e-commerce shipment (import or export) is
    /// an immediate release when flagged so and subject to no physical examination or NII, whether its own flags or an
    /// inspection of it in the inspection register say so; the declarations variant applies the same rule with the
    /// control channel and the inspections of the declaration. FOS-5.C is the same measure.
    /// </summary>
    [Fact]
    public void K12_equals_an_independent_count_of_shipments_not_examined_and_its_declaration_count_honours_the_inspections()
    {
        _h.Run();
        double shipments = _h.Scalar<double>("""
            SELECT round(100.0 * count(*) FILTER (WHERE immediate_release AND NOT coalesce(physical_exam, false) AND NOT coalesce(nii, false)
                AND NOT EXISTS (SELECT 1 FROM fact_inspection i WHERE i.shipment_id = s.shipment_id AND i.inspection_type IN ('PHYSICAL', 'NII')))
                / count(*), 2)
            FROM fact_shipment s WHERE ecommerce AND direction IN ('IMPORT', 'EXPORT') AND year(shipment_date) = 2025
            """);
        double declarations = _h.Scalar<double>("""
            SELECT round(100.0 * count(*) FILTER (WHERE is_immediate_release AND coalesce(control_channel, '') NOT IN ('RED', 'NII')
                AND NOT EXISTS (SELECT 1 FROM fact_inspection i WHERE i.declaration_id = d.declaration_id AND i.inspection_type IN ('PHYSICAL', 'NII')))
                / count(*), 2)
            FROM fact_declaration d WHERE is_ecommerce AND direction IN ('IMPORT', 'EXPORT') AND year(business_date) = 2025
            """);
        long inspectedButFlagged = _h.Scalar<long>("""
            SELECT count(*) FROM fact_declaration d WHERE is_ecommerce AND is_immediate_release AND coalesce(control_channel, '') NOT IN ('RED', 'NII')
                AND EXISTS (SELECT 1 FROM fact_inspection i WHERE i.declaration_id = d.declaration_id AND i.inspection_type IN ('PHYSICAL', 'NII'))
            """);
        Assert.True(inspectedButFlagged > 0, "the demo has flagged declarations that were examined anyway: the rule is exercised");

        string total = "period_label = '2025' AND breakdown = 'total'";
        Assert.Equal(shipments, _h.Scalar<double>($"SELECT value FROM fact_kpi_value WHERE kpi_code = 'K12' AND variant = 'pmm' AND {total}"));
        Assert.Equal(shipments, _h.Scalar<double>($"SELECT value FROM fact_kpi_value WHERE kpi_code = 'FOS-5.C' AND variant = 'pmm' AND {total}"));
        Assert.Equal(declarations, _h.Scalar<double>($"SELECT value FROM fact_kpi_value WHERE kpi_code = 'K12' AND variant = 'declarations' AND {total}"));
    }

    /// <summary>K13 and K14 count shipments where the source gives them: K13 then equals FOS-5.B, and K14's B is every shipment record.</summary>
    [Fact]
    public void K13_and_K14_count_shipments_and_agree_with_the_fos_items()
    {
        _h.Run();
        string total = "period_label = '2025' AND breakdown = 'total' AND variant = 'pmm'";
        Assert.Equal(_h.Scalar<double>($"SELECT value FROM fact_kpi_value WHERE kpi_code = 'FOS-5.B' AND {total}"),
            _h.Scalar<double>($"SELECT value FROM fact_kpi_value WHERE kpi_code = 'K13' AND {total}"));
        double share = _h.Scalar<double>("""
            SELECT round(100.0 * count(*) FILTER (WHERE ecommerce) / count(*), 2) FROM fact_shipment
            WHERE direction IN ('IMPORT', 'EXPORT') AND year(shipment_date) = 2025
            """);
        Assert.Equal(share, _h.Scalar<double>($"SELECT value FROM fact_kpi_value WHERE kpi_code = 'K14' AND {total}"));
    }

    [Fact]
    public void Every_pmm_kpi_and_fos_entry_has_a_2025_value_or_a_stated_reason()
    {
        _h.Run();
        List<object?[]> rows = _h.Query("""
            SELECT kpi_code, value, value_text, note FROM fact_kpi_value
            WHERE period_year = 2025 AND breakdown = 'total' AND variant = 'pmm' AND period_type IN ('year', 'financial_year')
            """);
        var byCode = rows.GroupBy(r => (string)r[0]!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (Core.Catalogue.KpiDefinition kpi in Core.Catalogue.KpiCatalogue.All)
        {
            Assert.True(byCode.TryGetValue(kpi.Code, out List<object?[]>? found), $"{kpi.Code} has no 2025 total row");
            foreach (object?[] r in found!)
            {
                bool measured = r[1] is not null || r[2] is not null;
                Assert.True(measured || (r[3] as string)?.StartsWith("not measurable:", StringComparison.Ordinal) == true,
                    $"{kpi.Code}: neither a value nor a stated reason ({r[3]})");
            }
        }

        Assert.Equal(51, Core.Catalogue.KpiCatalogue.All.Count(k => k.Family == Core.Catalogue.CatalogueFamily.Pmm));
    }

    [Fact]
    public void Every_published_ratio_is_re_derived_from_its_numerator_and_denominator_and_no_mean_has_a_numerator()
    {
        _h.Run();
        // The formula of each (KPI, variant) as the catalogue gives it: a variant without a formula of its own reads the KPI's.
        var formulas = new Dictionary<(string Code, string Variant), (Core.Catalogue.FormulaKind Formula, int Precision)>();
        foreach (Core.Catalogue.KpiDefinition kpi in Core.Catalogue.KpiCatalogue.All)
        {
            formulas[(kpi.Code, "pmm")] = (kpi.Formula, kpi.Precision);
            foreach (Core.Catalogue.KpiVariant variant in kpi.Variants)
            {
                formulas[(kpi.Code, variant.Name)] = (variant.Formula ?? kpi.Formula, kpi.Precision);
            }
        }

        List<object?[]> rows = _h.Query("""
            SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, numerator, denominator FROM fact_kpi_value
            WHERE value IS NOT NULL ORDER BY ALL
            """);
        int ratios = 0, means = 0;
        var ratioKpis = new HashSet<string>(StringComparer.Ordinal);
        foreach (object?[] r in rows)
        {
            string where = $"{r[0]} {r[1]} {r[2]} {r[3]}={r[4]}";
            (Core.Catalogue.FormulaKind formula, int precision) = formulas[((string)r[0]!, (string)r[1]!)];
            double value = Convert.ToDouble(r[5], System.Globalization.CultureInfo.InvariantCulture);
            long? numerator = r[6] is null ? null : Convert.ToInt64(r[6], System.Globalization.CultureInfo.InvariantCulture);
            long? denominator = r[7] is null ? null : Convert.ToInt64(r[7], System.Globalization.CultureInfo.InvariantCulture);
            switch (formula)
            {
                // (A / B) × 100: numerator = A and denominator = B, as published, give the value back.
                case Core.Catalogue.FormulaKind.Ratio:
                    Assert.True(numerator is not null && denominator is > 0, $"{where}: numerator {numerator}, denominator {denominator}");
                    Assert.True(Math.Round(100.0 * numerator!.Value / denominator!.Value, precision, MidpointRounding.AwayFromZero) == value,
                        $"{where}: 100 × {numerator} / {denominator} does not give the published {value}");
                    ratios++;
                    ratioKpis.Add((string)r[0]!);
                    break;
                // Means (of durations, of shares, the value of a mean): never a rounded A in the numerator.
                case Core.Catalogue.FormulaKind.MeanDuration or Core.Catalogue.FormulaKind.MeanShare or Core.Catalogue.FormulaKind.Value:
                    Assert.True(numerator is null, $"{where}: a mean or value publishes no numerator, got {numerator}");
                    means++;
                    break;
            }
        }

        // Ratios of the declaration fact (K10, K12, K14), of registers (K03 in USD, K43, K47 …), of variants (K08, K41) and of FoS items.
        Assert.True(ratios > 100, $"only {ratios} ratio rows");
        Assert.Superset(new HashSet<string>(["K03", "K08", "K10", "K12", "K14", "K41", "K43", "K47", "FOS-1.A", "FOS-5.D"]), ratioKpis);
        Assert.True(means > 100, $"only {means} mean rows");
    }

    [Fact]
    public void K44_equals_plain_sql_over_the_loaded_staff_register()
    {
        _h.Run();
        // Second path: female and male staff on board on 31 December 2025, counted straight from dim_staff.
        double expected = Math.Round(100 * _h.Scalar<double>("""
            SELECT count(*) FILTER (WHERE gender = 'FEMALE') * 1.0 / count(*) FILTER (WHERE gender = 'MALE') FROM dim_staff
            WHERE employment_start <= DATE '2025-12-31' AND (employment_end IS NULL OR employment_end >= DATE '2025-12-31')
            """), 2, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, _h.Kpi("K44", "2025").Value);
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
    public void K04_by_quarter_and_office_and_its_monthly_actor_parts_equal_plain_sql()
    {
        _h.Run();
        // Second path for the roll-up of finest cells and the percentile queries: the same statistics straight from
        // the fact, one GROUP BY per published grouping, with DuckDB's own mean and percentiles.
        const string Measured = """
            FROM fact_declaration f JOIN dim_office o USING (office_code)
            WHERE f.declaration_type = 'IMPORT' AND o.is_main_entry AND f.arrival_utc IS NOT NULL AND f.released_utc IS NOT NULL
              AND year(f.business_date) = 2025
            """;
        List<object?[]> offices = _h.Query($"""
            SELECT strftime(business_date, '%Y') || '-Q' || quarter(business_date), office_code, avg(arrival_to_release_min),
                   quantile_cont(arrival_to_release_min, 0.5), quantile_cont(arrival_to_release_min, 0.9), count(*)
            {Measured} GROUP BY 1, 2 ORDER BY 1, 2
            """);
        List<object?[]> parts = _h.Query($"""
            SELECT strftime(business_date, '%Y-%m'), part, avg(m), quantile_cont(m, 0.5), quantile_cont(m, 0.9), count(*)
            FROM (SELECT business_date, 'BUSINESS' AS part, arrival_to_release_business_min AS m {Measured}
                  UNION ALL SELECT business_date, 'OGA', arrival_to_release_oga_min {Measured}
                  UNION ALL SELECT business_date, 'CUSTOMS', arrival_to_release_customs_min {Measured}) x
            GROUP BY 1, 2 ORDER BY 1, 2
            """);
        Assert.True(offices.Count >= 4 * 3, $"{offices.Count} quarter × office groups");
        Assert.Equal(12 * 3, parts.Count);

        AssertSame(offices, Published("quarter", "office"));
        AssertSame(parts, Published("month", "responsible_actor"));

        List<object?[]> Published(string periodType, string breakdown) => _h.Query($"""
            SELECT period_label, breakdown_value, value, median, p90, n FROM fact_kpi_value
            WHERE kpi_code = 'K04' AND variant = 'pmm' AND period_type = '{periodType}' AND breakdown = '{breakdown}' AND period_year = 2025 AND n > 0
            ORDER BY 1, 2
            """);

        // Published statistics are rounded to 2 decimals; the plain ones are not, and a value on a rounding boundary may
        // differ in its last bit between two correct summation or interpolation orders, hence half a cent of tolerance.
        static void AssertSame(List<object?[]> expected, List<object?[]> published)
        {
            Assert.Equal(expected.Select(r => $"{r[0]} {r[1]} n={r[5]}"), published.Select(r => $"{r[0]} {r[1]} n={r[5]}"));
            for (int i = 0; i < expected.Count; i++)
            {
                for (int c = 2; c <= 4; c++)
                {
                    double want = Convert.ToDouble(expected[i][c], System.Globalization.CultureInfo.InvariantCulture);
                    double got = Convert.ToDouble(published[i][c], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(want - got) <= 0.0051, $"{published[i][0]} {published[i][1]} column {c}: published {got}, plain SQL {want}");
                }
            }
        }
    }

    [Fact]
    public void Running_the_demo_twice_changes_no_value_and_duplicates_no_row()
    {
        _h.Run();
        List<object?[]> values = _h.Query("SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n, sum_minutes, median, p90 FROM fact_kpi_value ORDER BY ALL");
        long facts = _h.Scalar<long>("SELECT count(*) FROM fact_declaration");
        long quarantined = _h.Scalar<long>("SELECT count(*) FROM dq_quarantine");

        RunSummary second = _h.Run();

        Assert.Equal(values, _h.Query("SELECT kpi_code, variant, period_label, breakdown, breakdown_value, value, n, sum_minutes, median, p90 FROM fact_kpi_value ORDER BY ALL"));
        Assert.Equal(facts, _h.Scalar<long>("SELECT count(*) FROM fact_declaration"));
        Assert.Equal(quarantined, _h.Scalar<long>("SELECT count(*) FROM dq_quarantine"));
        Assert.All(second.Snapshots, snapshot => Assert.True(snapshot.Unchanged));
        Assert.Equal(2L, _h.Scalar<long>("SELECT count(*) FROM etl_run WHERE status = 'succeeded'"));
    }
}
