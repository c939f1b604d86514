using System.Globalization;
using DuckDB.NET.Data;
using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// No published row of the demo, in any year, audience or variant, has a value without covered data behind it: every
/// row with a value (or a text) rests, for each record type its variant reads (from the catalogue), on records of that
/// type in its period (counted here with plain SQL per type and month, a second path beside the measurer's coverage),
/// or on the officers' inputs of its year; an officer's entered value stands for the records it replaces.
/// </summary>
[Collection(DemoWarehouseCollection.Name)]
public sealed class PublishedCoverageTests(DemoWarehouse demo)
{
    [Fact]
    public void Every_value_in_the_warehouse_rests_on_records_of_its_period()
    {
        List<Published> rows = demo.Query("""
            SELECT kpi_code, variant, period_type, period_start, period_end, breakdown, breakdown_value FROM fact_kpi_value
            WHERE value IS NOT NULL OR value_text IS NOT NULL
            """).Select(Published.Of).ToList();
        Assert.True(rows.Count > 1000, $"the demo publishes values ({rows.Count})");
        AssertCovered(rows, "the warehouse");
    }

    [Fact]
    public void Every_value_in_every_audiences_snapshot_rests_on_records_of_its_period()
    {
        string[] files = Directory.GetFiles(Path.Combine(demo.Folder, "snapshots"), "kpi_values.parquet", SearchOption.AllDirectories);
        // Every year the run measured, for each audience it publishes (national, WCO, public).
        Assert.True(files.Length >= demo.Years.Count * 3, $"snapshots: {string.Join(", ", files)}");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (string file in files)
        {
            List<Published> rows = DemoWarehouse.Rows(connection, $"""
                SELECT kpi_code, variant, period_type, period_start, period_end, breakdown, breakdown_value FROM read_parquet('{file}')
                WHERE value IS NOT NULL OR value_text IS NOT NULL
                """).Select(Published.Of).ToList();
            AssertCovered(rows, Path.GetRelativePath(demo.Folder, file));
        }
    }

    private void AssertCovered(List<Published> rows, string where)
    {
        var reads = CatalogueReads.All().ToDictionary(r => (r.Kpi.Code, r.Variant));
        var months = new Dictionary<string, HashSet<LocalDate>>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (Published row in rows)
        {
            if (!reads.TryGetValue((row.Code, row.Variant), out VariantReads? variant))
            {
                failures.Add($"{row}: a variant the catalogue does not publish");
                continue;
            }

            foreach (Read read in variant.Reads)
            {
                LocalDate start = row.Start.PlusYears(read.YearOffset);
                LocalDate end = row.End.PlusYears(read.YearOffset);
                if (read.Source == CatalogueReads.Inputs)
                {
                    if (!Answered(variant.Kpi, start.Year))
                    {
                        failures.Add($"{row}: no inputs of {variant.Kpi.Code} for {start.Year}");
                    }

                    continue;
                }

                if (RowBasis.EnteredFor(variant.Kpi, read, row.PeriodType, row.Breakdown, row.BreakdownValue, start, demo.Inputs))
                {
                    continue;
                }

                HashSet<LocalDate> held = Months(read.Source, months);
                // A read by period needs a record of the type in its (shifted) period; any other read needs a record at all.
                bool covered = read.PeriodBound ? held.Any(m => m >= new LocalDate(start.Year, start.Month, 1) && m < end) : held.Count > 0;
                if (!covered)
                {
                    failures.Add($"{row}: no {read.Source} records{(read.PeriodBound ? $" in [{Iso(start)}, {Iso(end)})" : "")}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{where}: {failures.Count} values without covered data:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct().Take(20))}");
    }

    /// <summary>The months the type holds records in (any date for an undated type: one entry), by plain SQL.</summary>
    private HashSet<LocalDate> Months(string source, Dictionary<string, HashSet<LocalDate>> known)
    {
        if (known.TryGetValue(source, out HashSet<LocalDate>? months))
        {
            return months;
        }

        RecordSchema type = RecordTypes.Get(source);
        string sql = type.IsDated
            ? $"SELECT DISTINCT CAST(date_trunc('month', {RemovalProperties.Column(type, type.DateField!)}) AS DATE) FROM {type.Table} WHERE {RemovalProperties.Column(type, type.DateField!)} IS NOT NULL"
            : $"SELECT DATE '0001-01-01' FROM {type.Table} LIMIT 1";
        months = demo.Query(sql).Select(r => Published.Date(r[0])).ToHashSet();
        known[source] = months;
        return months;
    }

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whether the officers answered for the entry in the year (tool answers count for the tool entries).</summary>
    private bool Answered(KpiDefinition kpi, int year)
    {
        AssessmentInputs inputs = demo.Inputs;
        return inputs.Checklists.Any(a => a.KpiCode == kpi.Code && a.Year == year)
               || (kpi.Formula is FormulaKind.ToolAwareness or FormulaKind.ToolUse && inputs.Tools.Any(t => t.Year == year))
               || inputs.FosLevels.Any(f => f.IndicatorCode == kpi.Code && f.Year == year)
               || inputs.Entered.Any(e => e.KpiCode == kpi.Code && e.PeriodStart.Year == year);
    }

    private sealed record Published(string Code, string Variant, string PeriodType, LocalDate Start, LocalDate End, string Breakdown, string BreakdownValue)
    {
        public static Published Of(object?[] r) => new((string)r[0]!, (string)r[1]!, (string)r[2]!, Date(r[3]), Date(r[4]), (string)r[5]!, (string)r[6]!);

        public override string ToString() => $"{Code}/{Variant} {PeriodType} {Iso(Start)} {Breakdown}={BreakdownValue}";

        public static LocalDate Date(object? value) => value switch
        {
            DateOnly d => LocalDate.FromDateOnly(d),
            DateTime t => LocalDate.FromDateTime(t),
            _ => LocalDate.FromDateTime(Convert.ToDateTime(value, CultureInfo.InvariantCulture)),
        };
    }
}
