using PmmEtl.Core.Records;
using PmmEtl.Jobs.Definitions.Inputs;

namespace PmmEtl.Jobs.Tests.Inputs;

/// <summary>The seizure category rules as data: read, checked, and the demo file covering every PMM rule the text documents.</summary>
public sealed class SeizureCategoryFileTests
{
    private const string Name = "demo-inputs/seizure-categories.csv";
    private const string Header = "commodity,category,counts,requires_mandate,subcategory,note";

    private static IReadOnlyList<SeizureCategoryRule> Read(string csv) => new SeizureCategoryFileReader().Read(new StringReader(csv), Name);

    [Fact]
    public void Rules_are_read_with_their_line()
    {
        IReadOnlyList<SeizureCategoryRule> rules = Read($"""
            {Header}
            TOB-CIG-CF,CIGARETTES,yes,no,,Counterfeit cigarettes are cigarettes
            TOB-CIG-CF,IPR,yes,no,,
            TOB-CGR,CIGARETTES,no,no,,"Cigars, cigarillos"
            ARM-KNIFE,FIREARMS_AMMUNITION_EXPLOSIVES,yes,yes,,
            ENV-ODS,ENVIRONMENTALLY_SENSITIVE,yes,no,ODS,
            """);

        Assert.Equal(
            [
                new SeizureCategoryRule("TOB-CIG-CF", "CIGARETTES", true, false, null, "Counterfeit cigarettes are cigarettes", Name + ":2"),
                new SeizureCategoryRule("TOB-CIG-CF", "IPR", true, false, null, "", Name + ":3"),
                new SeizureCategoryRule("TOB-CGR", "CIGARETTES", false, false, null, "Cigars, cigarillos", Name + ":4"),
                new SeizureCategoryRule("ARM-KNIFE", "FIREARMS_AMMUNITION_EXPLOSIVES", true, true, null, "", Name + ":5"),
                new SeizureCategoryRule("ENV-ODS", "ENVIRONMENTALLY_SENSITIVE", true, false, "ODS", "", Name + ":6"),
            ],
            rules);
    }

    [Fact]
    public void Every_mistake_of_the_file_is_listed_with_its_line_and_column()
    {
        var e = Assert.Throws<InputFileException>(() => Read($"""
            {Header}
            TOB-CIG,TOBACCO,yes,no,,
            TOB-CGR,CIGARETTES,maybe,no,,
            ARM-KNIFE,FIREARMS_AMMUNITION_EXPLOSIVES,yes,perhaps,,
            TOB-CIG,CIGARETTES,yes,no,,
            TOB-CIG,CIGARETTES,no,no,,
            ,ALCOHOL,yes,no,,
            VAL-GEM,FINANCIAL_INSTRUMENTS,no,yes,,
            ALC-BEER,ALCOHOL,,no,,
            """));

        Assert.Equal(
            [
                $"{Name}: line 2: category: unknown category 'TOBACCO' (the PMM categories are ALCOHOL, CIGARETTES, CULTURAL_GOODS, FOODSTUFFS_CONSUMER_GOODS, IPR, DRUGS, ENVIRONMENTALLY_SENSITIVE, FIREARMS_AMMUNITION_EXPLOSIVES, FINANCIAL_INSTRUMENTS)",
                $"{Name}: line 3: counts: expected yes or no, got 'maybe'",
                $"{Name}: line 4: requires_mandate: expected yes or no, got 'perhaps'",
                $"{Name}: line 6: row: TOB-CIG in CIGARETTES is given twice (lines 5 and 6)",
                $"{Name}: line 7: commodity: missing",
                $"{Name}: line 8: requires_mandate: yes only for a rule that counts: a commodity kept out of a category needs no mandate",
                $"{Name}: line 9: counts: missing: yes or no",
            ],
            e.Problems);
    }

    [Fact]
    public void The_header_names_the_required_columns()
    {
        var e = Assert.Throws<InputFileException>(() => Read("commodity,category,counts\nTOB-CIG,CIGARETTES,yes\n"));
        Assert.Equal([$"{Name}: line 1: header: missing column 'requires_mandate'"], e.Problems);
    }

    [Fact]
    public void The_demo_rules_cover_every_category_and_the_documented_exclusions()
    {
        IReadOnlyList<SeizureCategoryRule> rules = new SeizureCategoryFileReader().ReadFile(RepoFiles.Path("pipelines/demo-inputs/seizure-categories.csv"));

        // Every PMM category has at least one commodity that counts in it.
        Assert.Empty(SeizureCategories.All.Except(rules.Where(r => r.Counts).Select(r => r.Category)));

        bool Counts(string commodity, string category) => rules.Single(r => r.Commodity == commodity && r.Category == category).Counts;

        // Cigarettes: counterfeit in (and IPR too); cigars, raw tobacco and e-cigarettes explicitly out.
        Assert.True(Counts("TOB-CIG", SeizureCategories.Cigarettes));
        Assert.True(Counts("TOB-CIG-CF", SeizureCategories.Cigarettes));
        Assert.True(Counts("TOB-CIG-CF", SeizureCategories.Ipr));
        Assert.All(new[] { "TOB-CGR", "TOB-RAW", "TOB-ECIG" }, c => Assert.False(Counts(c, SeizureCategories.Cigarettes)));

        // Financial instruments: gems, jewellery and antiques out.
        Assert.All(new[] { "VAL-GEM", "VAL-JEWEL", "VAL-ANTIQUE" }, c => Assert.False(Counts(c, SeizureCategories.FinancialInstruments)));

        // Firearms borderline items count only where Customs is mandated; the core items need no mandate.
        Assert.Equal(
            ["ARM-ANTIQUE", "ARM-KNIFE", "ARM-MASK", "ARM-REPLICA", "ARM-TASER"],
            rules.Where(r => r.RequiresMandate).Select(r => r.Commodity).Order(StringComparer.Ordinal));
        Assert.All(rules.Where(r => r.RequiresMandate), r => Assert.Equal((SeizureCategories.Firearms, true), (r.Category, r.Counts)));

        // The six environmental sub-types of the text.
        Assert.Equal(
            ["HAZARDOUS_CHEMICALS_PESTICIDES", "HAZARDOUS_WASTE", "HFC", "ODS", "POPS", "WILDLIFE"],
            rules.Where(r => r.Category == SeizureCategories.Environmental).Select(r => r.Subcategory).Order(StringComparer.Ordinal));
        Assert.Equal("seizure-categories.csv:2", rules[0].Source);
    }
}
