using System.Text.RegularExpressions;
using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// Year t − 1 (and t − 2) where a KPI needs it: the seizure variations compare each category's seizures in t and
/// t − 1, K45 the information requests, K02 the AEOs valid at the end of each year, K19 the duty of three years,
/// K41 the competency ratings of a financial year that starts in July of t − 1. Nothing dated lies outside t − 2 … t.
/// </summary>
public sealed partial class PriorYearTests(RegisterSource source) : IClassFixture<RegisterSource>
{
    private const string T = "2025";
    private const string T1 = "2024";
    private const string T2 = "2023";

    public static TheoryData<string> Categories => new(ExpectedCommodities.PmmCategories);

    [Theory]
    [MemberData(nameof(Categories))]
    public void Every_seizure_category_has_cases_in_t_and_in_t_minus_1(string category)
    {
        var cases = source.Sound(RecordTypes.Seizure).ToDictionary(s => s["seizure_id"]!);
        var byYear = source.Sound(RecordTypes.SeizureItem)
            .Where(i => ExpectedCommodities.Categories[i["commodity"]!].Contains(category))
            .Select(i => cases[i["seizure_id"]!])
            // Financial instruments count only through passenger controls (K39).
            .Where(s => category != "FINANCIAL_INSTRUMENTS" || s["via_passenger_control"] == "1")
            .DistinctBy(s => s["seizure_id"])
            .GroupBy(s => s["seizure_date"]![..4])
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.True(byYear.GetValueOrDefault(T) > 0, $"{category}: no seizure in {T}");
        Assert.True(byYear.GetValueOrDefault(T1) > 0, $"{category}: no seizure in {T1}");
        Assert.Equal([T1, T], byYear.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Customs_duty_is_there_for_three_years_at_a_comparable_level()
    {
        // Archive sizes: t − 1 has 4% and t − 2 8% fewer import declarations than t; values are drawn alike, so the
        // yearly duty totals differ by those shares plus sampling noise (a lognormal tail): within ±25% of t's.
        double[] rates = [1.0, 1.08, 0.055];
        string[] currencies = ["USD", "EUR", "MXN"];
        var amounts = source.Sound(RecordTypes.DeclarationAmount);
        var imports = amounts.Where(a => a["direction"] == "IMPORT").GroupBy(a => a["business_date"]![..4]).ToDictionary(g => g.Key, g => g.ToList());
        double Duty(string year) => imports[year].Sum(a => a["customs_duty"] is null ? 0 : a.Number("customs_duty") * rates[Array.IndexOf(currencies, a["currency"])]);

        Assert.Equal([T2, T1, T], imports.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(imports[T1].Count / (double)imports[T].Count, 0.94, 0.98);
        Assert.InRange(imports[T2].Count / (double)imports[T].Count, 0.90, 0.94);
        Assert.InRange(Duty(T1) / Duty(T), 0.75, 1.25);
        Assert.InRange(Duty(T2) / Duty(T), 0.75, 1.25);
        // The years before are the import duty archive: exports are this year's only.
        Assert.All(amounts.Where(a => a["direction"] == "EXPORT"), a => Assert.StartsWith(T, a["business_date"]));
    }

    [Fact]
    public void Information_requests_are_counted_for_both_years_with_fewer_in_t()
    {
        var byYear = source.Sound(RecordTypes.InformationRequest).GroupBy(r => r["received_on"]![..4]).ToDictionary(g => g.Key, g => g.ToList());

        // t: 5% of 20,000 declarations = 1,000; t − 1: 1,000 × 1.08 = 1,080.
        Assert.Equal(1_000, byYear[T].Count);
        Assert.Equal(1_080, byYear[T1].Count);
        foreach (string year in new[] { T1, T })
        {
            Assert.Equal(["COUNTER", "EMAIL", "OTHER", "PHONE", "SOCIAL_MEDIA", "WEB"], byYear[year].Select(r => r["channel"]!).Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void AEOs_of_the_national_programme_are_valid_at_the_end_of_both_years_and_more_at_the_end_of_t()
    {
        var national = source.Sound(RecordTypes.AeoAuthorisation).Where(a => a["recognised_via_mra"] == "0").ToList();
        int ValidOn(string day) => national
            .Where(a => string.CompareOrdinal(a["valid_from"], day) <= 0 && (a["valid_to"] is null || string.CompareOrdinal(a["valid_to"], day) >= 0))
            .Select(a => a["operator_id"])
            .Distinct()
            .Count();

        int endOfT1 = ValidOn("2024-12-31");
        int endOfT = ValidOn("2025-12-31");

        // 15% of the 5,000 traders are AEOs, 15% of those certified during t: about 640 then 750, less revocations.
        Assert.InRange(endOfT1, 550, 720);
        Assert.InRange(endOfT / (double)endOfT1, 1.05, 1.25);
    }

    [Fact]
    public void Frontline_officers_are_rated_in_t_minus_1_and_in_t()
    {
        var ratings = source.Sound(RecordTypes.CompetencyAssessment);
        var years = ratings.GroupBy(r => r["assessed_on"]![..4]).ToDictionary(g => g.Key, g => g.Select(r => r["staff_id"]).Distinct().Count());

        Assert.Equal([T1, T], years.Keys.Order(StringComparer.Ordinal));
        // A financial year starting in July of t − 1 holds ratings of both halves.
        Assert.Contains(ratings, r => string.CompareOrdinal(r["assessed_on"], "2024-07-01") >= 0 && string.CompareOrdinal(r["assessed_on"], "2025-01-01") < 0);
        Assert.Contains(ratings, r => string.CompareOrdinal(r["assessed_on"], "2025-01-01") >= 0 && string.CompareOrdinal(r["assessed_on"], "2025-07-01") < 0);
    }

    [Fact]
    public void Dated_registers_hold_t_and_only_the_years_before_that_a_KPI_needs()
    {
        var allowed = new Dictionary<string, string[]>
        {
            ["declaration_amount"] = [T2, T1, T],
            ["seizure"] = [T1, T],
            ["seizure_item"] = [T1, T],
            ["information_request"] = [T1, T],
            ["competency_assessment"] = [T1, T],
        };
        foreach (RecordSchema register in RecordTypes.Registers.Where(r => r.IsDated))
        {
            var years = source.Sound(register).Select(r => r[register.DateField!]![..4]).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(allowed.GetValueOrDefault(register.Name, [T]), years);
        }
    }

    [Fact]
    public void Archived_declaration_numbers_carry_their_year()
    {
        var archived = source.Sound(RecordTypes.DeclarationAmount).Where(a => !a["business_date"]!.StartsWith(T, StringComparison.Ordinal)).ToList();

        Assert.All(archived, a => Assert.Matches(DeclarationNumber(), a["declaration_id"]!));
        Assert.All(archived, a => Assert.Equal(a["business_date"]![2..4], a["declaration_id"]![..2]));
    }

    [GeneratedRegex("^[0-9]{2}US[A-Z]{3}[0-9]IM[0-9]{7}$")]
    private static partial Regex DeclarationNumber();
}
