using PmmEtl.Publish.Schema;

namespace PmmEtl.Publish.Tests;

/// <summary>The schema says what each column of kpi_values holds, numerator and denominator per formula kind.</summary>
public sealed class SchemaDescriptionTests
{
    [Fact]
    public void Every_kpi_values_column_is_described()
    {
        Assert.All(PublishedSchema.KpiValues, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), $"{c.Name} has no description"));
    }

    [Fact]
    public void Numerator_and_denominator_are_A_and_B_of_ratios_and_null_for_means()
    {
        string numerator = PublishedSchema.KpiValues.Single(c => c.Name == "numerator").Description!;
        string denominator = PublishedSchema.KpiValues.Single(c => c.Name == "denominator").Description!;
        Assert.StartsWith("ratios (ratio, share_of_total, total_over_b, variation, checklist): A as the formula used it", numerator, StringComparison.Ordinal);
        Assert.StartsWith("ratios (ratio, share_of_total, total_over_b, variation, checklist): B as the formula used it", denominator, StringComparison.Ordinal);
        Assert.Contains("means and values (mean_duration, mean_share, value): null, never a rounded A", numerator, StringComparison.Ordinal);
        Assert.Contains("100 × numerator / denominator gives a ratio's value", denominator, StringComparison.Ordinal);
    }
}
