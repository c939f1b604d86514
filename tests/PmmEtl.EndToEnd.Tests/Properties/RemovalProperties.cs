using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

[CollectionDefinition(Name)]
public sealed class DemoWarehouseCollection : ICollectionFixture<DemoWarehouse>
{
    public const string Name = "demo warehouse";
}

/// <summary>
/// Never a number without data, for every catalogue entry and every variant, generated from the catalogue: removing
/// a record type a variant reads (or the officers' inputs it reads), or one year of it, leaves every row that rested on
/// it without a value and with a "not measurable" note that names it, never 0 and never another year's value; and
/// leaves every row that did not rest on it as it was.
/// </summary>
[Collection(DemoWarehouseCollection.Name)]
public sealed class RemovalProperties(DemoWarehouse demo)
{
    /// <summary>The calendar years the demo measures (its records' years and its inputs'); checked against the run below.</summary>
    public static readonly int[] DemoYears = [2023, 2024, 2025];

    /// <summary>Every (entry, variant, source) and every (entry, variant, dated source, year), readable as "K43/pmm without training 2024".</summary>
    public static IEnumerable<TheoryDataRow<string, string, string, int?>> Removals()
    {
        foreach (VariantReads reads in CatalogueReads.All())
        {
            foreach (string source in reads.Sources)
            {
                yield return Case(reads, source, null);
                if (!VariantReads.IsDated(source))
                {
                    // An undated type (the AEO register, staff, rulings, services) has no year of its own to remove.
                    continue;
                }

                foreach (int year in DemoYears)
                {
                    yield return Case(reads, source, year);
                }
            }
        }
    }

    private static TheoryDataRow<string, string, string, int?> Case(VariantReads reads, string source, int? year) =>
        new(reads.Kpi.Code, reads.Variant, source, year)
        {
            TestDisplayName = $"{reads.Kpi.Code}/{reads.Variant} without {source}{(year is { } y ? $" {y}" : "")}",
            Skip = KnownDefects.Of(reads.Kpi.Code, reads.Variant, source, year),
        };

    [Fact]
    public void The_cases_cover_every_catalogue_entry_and_the_years_the_demo_measures()
    {
        Assert.Equal(DemoYears, demo.Years);
        var covered = Removals().Select(r => ((ITheoryDataRow)r).GetData()[0] as string).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.Equal(119, KpiCatalogue.All.Count);
        Assert.All(KpiCatalogue.All, k => Assert.Contains(k.Code, covered));
    }

    [Theory]
    [MemberData(nameof(Removals))]
    public void Removing_what_a_value_rests_on_leaves_no_value_and_says_why(string code, string variant, string source, int? year)
    {
        KpiDefinition kpi = KpiCatalogue.All.Single(k => k.Code == code);
        List<VariantReads> variants = CatalogueReads.Of(kpi).ToList();
        IReadOnlyList<KpiValue> before = demo.Baseline(kpi);
        IReadOnlyList<KpiValue> after = source == CatalogueReads.Inputs
            ? demo.MeasureAfter(kpi, inputs => Without(inputs, kpi, year))
            : NothingToRemove(source, year) ? before : demo.MeasureAfter(kpi, Delete(source, year));

        var beforeByKey = before.GroupBy(RowBasis.Key).ToDictionary(g => g.Key, g => g.First());
        var afterByKey = after.GroupBy(RowBasis.Key).ToDictionary(g => g.Key, g => g.First());
        var failures = new List<string>();
        // Whether the removal left the type without any record: then "no <type> records loaded" is the whole reason, with no period to name.
        bool emptied = year is not null && source != CatalogueReads.Inputs && Count(source, null) == Count(source, year);
        foreach (VariantReads reads in variants)
        {
            // The case's variant is checked fully; the entry's other variants only for what must not change (they have cases of their own).
            bool underTest = reads.Variant == variant;
            foreach (KpiValue row in after.Where(r => r.Variant == reads.Variant))
            {
                Expected expected = RowBasis.Of(reads, row, source, year, demo.Inputs);
                if (!underTest && expected != Expected.Unchanged)
                {
                    continue;
                }

                beforeByKey.TryGetValue(RowBasis.Key(row), out KpiValue? was);
                string where = $"{row.Variant} {row.PeriodLabel} {row.Breakdown}={row.BreakdownValue}";
                if (expected == Expected.Gone)
                {
                    if (RowBasis.HasValue(row))
                    {
                        failures.Add($"{where}: value {row.Value?.ToString() ?? row.ValueText} (before: {was?.Value?.ToString() ?? was?.ValueText ?? "none"}) though it rests on the {source} removed");
                    }
                    else if (row.Note?.StartsWith("not measurable", StringComparison.Ordinal) != true)
                    {
                        failures.Add($"{where}: no value but no \"not measurable\" reason ({row.Note})");
                    }
                    else if (was is not null && RowBasis.HasValue(was) && !RowBasis.NamesSource(row.Note, source))
                    {
                        failures.Add($"{where}: the reason does not name {source}: {row.Note}");
                    }
                    else if (was is not null && RowBasis.HasValue(was) && year is { } y && source != CatalogueReads.Inputs && !emptied && !row.Note!.Contains(y.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                    {
                        failures.Add($"{where}: the reason does not name the period: {row.Note}");
                    }
                }
                else if (expected == Expected.Unchanged && RowBasis.HasValue(row) && !Same(row, was))
                {
                    failures.Add($"{where}: {row.Value?.ToString() ?? row.ValueText}, was {was?.Value?.ToString() ?? was?.ValueText ?? "no value"}, though it does not rest on the {source} removed");
                }
            }

            foreach (KpiValue row in before.Where(r => r.Variant == reads.Variant && RowBasis.HasValue(r)))
            {
                Expected expected = RowBasis.Of(reads, row, source, year, demo.Inputs);
                string where = $"{row.Variant} {row.PeriodLabel} {row.Breakdown}={row.BreakdownValue}";
                if (expected == Expected.Unchanged && !Same(row, afterByKey.GetValueOrDefault(RowBasis.Key(row))))
                {
                    failures.Add($"{where}: {row.Value?.ToString() ?? row.ValueText} lost, though it does not rest on the {source} removed");
                }

                // A total that rested on the source: its year still gets a row that says why it has none. (A breakdown value
                // no record has any more is not published at all, as for any value no record holds.)
                if (underTest && expected == Expected.Gone && row.Breakdown == KpiFormula.TotalBreakdown && !after.Any(r => r.Variant == row.Variant && r.PeriodStart.Year == row.PeriodStart.Year
                        && !RowBasis.HasValue(r) && r.Note?.StartsWith("not measurable", StringComparison.Ordinal) == true))
                {
                    failures.Add($"{where}: no row of {row.PeriodStart.Year} says why there is no value any more");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{code}/{variant} without {source} {year}:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct().Take(12))}");
    }

    private static bool Same(KpiValue row, KpiValue? other) => other is not null && other.Value == row.Value && other.ValueText == row.ValueText;

    /// <summary>SQL that removes every record of a type, or those dated in one calendar year.</summary>
    public static string Delete(string source, int? year)
    {
        RecordSchema type = RecordTypes.Get(source);
        return year is { } y
            ? $"DELETE FROM {type.Table} WHERE {Column(type, type.DateField!)} >= DATE '{y:D4}-01-01' AND {Column(type, type.DateField!)} < DATE '{y + 1:D4}-01-01'"
            : $"DELETE FROM {type.Table}";
    }

    /// <summary>The warehouse column of a field (a flag is stored under its own column name).</summary>
    public static string Column(RecordSchema type, string field) => type.Field(field).StoredAs ?? field;

    /// <summary>A year in which the type holds no record: removing it changes nothing, and the run's values are the answer.</summary>
    private bool NothingToRemove(string source, int? year) => year is not null && Count(source, year) == 0;

    /// <summary>The type's records in the warehouse (dated in one calendar year, or all), counted with plain SQL.</summary>
    private long Count(string source, int? year)
    {
        RecordSchema type = RecordTypes.Get(source);
        string where = year is { } y
            ? $" WHERE {Column(type, type.DateField!)} >= DATE '{y:D4}-01-01' AND {Column(type, type.DateField!)} < DATE '{y + 1:D4}-01-01'"
            : "";
        return Convert.ToInt64(demo.Query($"SELECT count(*) FROM {type.Table}{where}")[0][0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The officers' inputs without those of the entry (for one year, or all): its answers, its entered values, the tool answers of a tool entry.</summary>
    public static AssessmentInputs Without(AssessmentInputs inputs, KpiDefinition kpi, int? year)
    {
        bool Removed(string code, int y) => code == kpi.Code && (year is null || y == year);
        bool tools = kpi.Formula is FormulaKind.ToolAwareness or FormulaKind.ToolUse;
        return new AssessmentInputs(
            inputs.Checklists.Where(a => !Removed(a.KpiCode, a.Year)).ToList(),
            inputs.Tools.Where(t => !(tools && (year is null || t.Year == year))).ToList(),
            inputs.FosLevels.Where(f => !Removed(f.IndicatorCode, f.Year)).ToList(),
            inputs.Entered.Where(e => !Removed(e.KpiCode, e.PeriodStart.Year)).ToList());
    }
}
