using PmmEtl.Core.Records;
using PmmEtl.DemoSource.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>The seizure items: exactly the commodity codes of the category rules, and the cases the rules have to tell apart.</summary>
public sealed class SeizureItemTests(RegisterSource source) : IClassFixture<RegisterSource>
{
    [Fact]
    public void The_generator_uses_exactly_the_commodity_codes_of_the_category_rules()
    {
        Assert.Equal(ExpectedCommodities.Categories.Keys.Order(StringComparer.Ordinal), SeizureCommodities.All.Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_codes_are_those_of_the_pipelines_category_file()
    {
        // The file comes from the inputs branch; until it is merged there is nothing to compare with.
        string? file = TryFind(ExpectedCommodities.CategoriesFile);
        Assert.SkipWhen(file is null, $"{ExpectedCommodities.CategoriesFile} is not in this checkout yet");

        var inFile = File.ReadLines(file!).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(inFile.Order(StringComparer.Ordinal), SeizureCommodities.All.Select(c => c.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Items_use_only_those_codes_and_show_the_cases_the_rules_separate()
    {
        var cases = source.Sound(RecordTypes.Seizure).ToDictionary(s => s["seizure_id"]!);
        var items = source.Sound(RecordTypes.SeizureItem);
        var codes = items.Select(i => i["commodity"]!).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(ExpectedCommodities.Categories.Keys.ToHashSet(StringComparer.Ordinal), codes);
        // Cigarettes and counterfeit cigarettes, and the tobacco that is not cigarettes.
        Assert.Superset(new HashSet<string> { "TOB-CIG", "TOB-CIG-CF", "TOB-CGR", "TOB-RAW", "TOB-ECIG" }, codes);
        // Borderline weapons with and without Customs' mandate; the mandate is recorded for them only.
        var borderline = items.Where(i => ExpectedCommodities.BorderlineWeapons.Contains(i["commodity"])).ToList();
        Assert.Contains(borderline, i => i["mandated_control"] == "1");
        Assert.Contains(borderline, i => i["mandated_control"] == "0");
        Assert.All(items.Where(i => !ExpectedCommodities.BorderlineWeapons.Contains(i["commodity"])), i => Assert.Null(i["mandated_control"]));
        // At passenger controls: currency, and gems or jewellery (not financial instruments); currency in cargo too.
        var atPassengerControls = items.Where(i => cases[i["seizure_id"]!]["via_passenger_control"] == "1").Select(i => i["commodity"]).ToHashSet();
        Assert.Contains("FIN-CASH", atPassengerControls);
        Assert.True(atPassengerControls.Contains("VAL-GEM") || atPassengerControls.Contains("VAL-JEWEL"));
        Assert.Contains(items, i => i["commodity"] == "FIN-CASH" && cases[i["seizure_id"]!]["via_passenger_control"] == "0");
    }

    [Fact]
    public void Some_seizures_hold_items_of_several_categories_and_every_case_has_items()
    {
        var items = source.Sound(RecordTypes.SeizureItem);
        var categoriesPerCase = items
            .GroupBy(i => i["seizure_id"]!)
            .ToDictionary(g => g.Key, g => g.SelectMany(i => ExpectedCommodities.Categories[i["commodity"]!]).Distinct().Count());

        Assert.Contains(categoriesPerCase.Values, n => n >= 2);
        Assert.All(source.Sound(RecordTypes.Seizure), s => Assert.True(categoriesPerCase.ContainsKey(s["seizure_id"]!), $"{s["seizure_id"]} has no item"));
        // One to three lines per case: 0.80 × 1 + 0.14 × 2 + 0.06 × 3 = 1.26 on average.
        Assert.InRange(items.Count / (double)categoriesPerCase.Count, 1.15, 1.40);
    }

    [Fact]
    public void Seizures_come_from_inspections_that_found_an_irregularity_and_name_their_setting()
    {
        var inspections = source.Sound(RecordTypes.Inspection).ToDictionary(i => i["inspection_id"]!);
        var seizures = source.Sound(RecordTypes.Seizure).Where(s => s["seizure_date"]!.StartsWith("2025", StringComparison.Ordinal)).ToList();

        foreach (RegisterRow s in seizures.Where(s => s["inspection_id"] is not null))
        {
            RegisterRow control = inspections[s["inspection_id"]!];
            Assert.Equal("1", control["irregularity_found"]);
            Assert.Equal(control["object_type"], s["object_type"]);
            Assert.Equal(s["object_type"] == "PASSENGER" ? "1" : "0", s["via_passenger_control"]);
        }

        // Most seizures of the year come from a control; tip-offs and intelligence sometimes do without one.
        Assert.InRange(seizures.Count(s => s["inspection_id"] is not null) / (double)seizures.Count, 0.85, 1.0);
        Assert.Contains(seizures, s => s["ecommerce"] == "1" && s["detection_method"] == "NII");
        Assert.Contains(seizures, s => s["ecommerce"] == "1" && s["detection_method"] == "DATA_ANALYTICS");
    }

    private static string? TryFind(string relative)
    {
        try
        {
            return DemoPipeline.Find(relative);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
