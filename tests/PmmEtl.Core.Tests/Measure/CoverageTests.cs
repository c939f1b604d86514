using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;

namespace PmmEtl.Core.Tests.Measure;

public sealed class CoverageTests
{
    [Fact]
    public void A_declared_interval_covers_the_whole_months_inside_it()
    {
        // 2024-01-15 to 2024-04-01: February and March are wholly inside; January is not.
        var declared = new DeclaredCoverage(new LocalDate(2024, 1, 15), new LocalDate(2024, 4, 1));
        Assert.Equal([new LocalDate(2024, 2, 1), new LocalDate(2024, 3, 1)], declared.Months());

        RecordCoverage held = new RecordCoverage(true, new HashSet<LocalDate> { new(2025, 6, 1) }).With(declared);
        Assert.True(held.Covers(new LocalDate(2024, 3, 1), new LocalDate(2024, 4, 1), dated: true));
        Assert.False(held.Covers(new LocalDate(2024, 1, 1), new LocalDate(2024, 2, 1), dated: true));
        Assert.Equal(new LocalDate(2025, 6, 1), held.LastMonth);
        // A declared type holds its zero: an empty one still counts as having records.
        Assert.True(RecordCoverage.Empty.With(declared).HasRecords);
    }

    [Fact]
    public void K12_needs_the_inspections_of_its_period_only_where_the_source_gives_them()
    {
        PopulationMeasure shipments = KpiCatalogue.Find("K12")!.Measure!;
        Assert.Equal(["shipment"], CoverageNeeds.Of(shipments, _ => false));
        Assert.Equal(["shipment", "inspection"], CoverageNeeds.Of(shipments, _ => true));
        Assert.Equal(["inspection"], CoverageNeeds.ConsultedWhereGiven(shipments));
        // Not something the value needs from the source: K12 stays measurable without an inspection register.
        Assert.DoesNotContain(FieldUses.Of(shipments), u => u.RecordType == "inspection");
    }

    [Fact]
    public void K25_needs_the_seizures_and_their_items_of_the_period_behind_its_inspections()
    {
        KpiDefinition k25 = KpiCatalogue.Find("K25")!;
        IEnumerable<string> needs = k25.Variables.SelectMany(v => CoverageNeeds.Of(v, _ => true)).Distinct();
        Assert.Superset(new HashSet<string> { "inspection", "seizure", "seizure_item" }, needs.ToHashSet());
    }
}
