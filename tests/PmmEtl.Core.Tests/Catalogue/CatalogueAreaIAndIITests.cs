using PmmEtl.Core.Catalogue;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Tests.Catalogue;

/// <summary>
/// The area I (trade facilitation, beyond the declaration-fact KPIs) and area II (revenue) definitions: consistent
/// with the register contract and the formula conventions, and holding the readings docs/kpi-decisions.md records.
/// </summary>
public sealed class CatalogueAreaIAndIITests
{
    private const string AreaI = "I. Trade Facilitation and Economic Competitiveness";
    private const string AreaII = "II. Revenue Collection";

    private static IEnumerable<KpiDefinition> Mine => KpiCatalogue.TradeFacilitation.Entries.Concat(KpiCatalogue.Revenue.Entries);

    [Fact]
    public void Every_area_I_and_II_definition_passes_the_catalogue_checks()
    {
        IReadOnlyList<string> problems = CatalogueChecks.Problems(Mine);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Codes_and_ids_are_unique_across_the_whole_catalogue()
    {
        IReadOnlyList<string> duplicates = CatalogueChecks.DuplicateIdentities(KpiCatalogue.All);
        Assert.True(duplicates.Count == 0, string.Join(Environment.NewLine, duplicates));
    }

    [Fact]
    public void The_whole_catalogue_passes_the_shared_checks()
    {
        // The checks are shared by every area; running them over all entries catches a register field renamed
        // under another area's variables too.
        IReadOnlyList<string> problems = CatalogueChecks.Problems(KpiCatalogue.All);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_area_lists_hold_the_PMM_codes_of_their_area_in_document_order()
    {
        Assert.Equal(["K01", "K02", "K03", "K04", "K05", "K06", "K07", "K08", "K09", "K10", "K11", "K12", "K13", "K14"], KpiCatalogue.TradeFacilitation.Entries.Select(k => k.Code));
        Assert.Equal(["K15", "K16", "K17", "K18", "K19", "K20"], KpiCatalogue.Revenue.Entries.Select(k => k.Code));
        Assert.All(KpiCatalogue.TradeFacilitation.Entries, k => Assert.Equal(AreaI, k.Area));
        Assert.All(KpiCatalogue.Revenue.Entries, k => Assert.Equal(AreaII, k.Area));
        Assert.All(Mine, k => Assert.Equal(CatalogueFamily.Pmm, k.Family));
    }

    [Fact]
    public void With_the_declaration_KPIs_area_I_has_all_14_and_area_II_all_6()
    {
        // PMM v.1: area I = K01 … K14, area II = K15 … K20.
        Assert.Equal(Enumerable.Range(1, 14).Select(i => $"K{i:00}"), KpiCatalogue.All.Where(k => k.Area == AreaI).Select(k => k.Code));
        Assert.Equal(Enumerable.Range(15, 6).Select(i => $"K{i:00}"), KpiCatalogue.All.Where(k => k.Area == AreaII).Select(k => k.Code));
    }

    [Fact]
    public void Names_are_the_PMM_names()
    {
        Assert.Equal("Private sector engagement", KpiCatalogue.Find("K01")!.Name);
        Assert.Equal("Variation in the number of AEOs", KpiCatalogue.Find("K02")!.Name);
        Assert.Equal("Passengers travelling by air undergoing physical inspection", KpiCatalogue.Find("K07")!.Name);
        Assert.Equal("The ratio of binding rulings on classification to import declarations", KpiCatalogue.Find("K15")!.Name);
        // Field a) and the table of contents, not the card heading's "Percentage change of fines administered".
        Assert.Equal("Percentage of fines administered", KpiCatalogue.Find("fines_administered_rate")!.Name);
    }

    [Fact]
    public void K01_is_a_nine_item_checklist_A_to_I_with_the_lost_letter_restored()
    {
        KpiDefinition k01 = KpiCatalogue.Find("K01")!;
        Assert.Equal(FormulaKind.Checklist, k01.Formula);
        Assert.Equal(InputKind.Questionnaire, k01.Input);
        Assert.Equal(["A", "B", "C", "D", "E", "F", "G", "H", "I"], k01.Items.Select(i => i.Code));
        Assert.StartsWith("Does the group/Do the groups have established mechanisms to keep track of the recommendations", k01.Items[8].Text);
        Assert.Equal(Disclosure.Wco, k01.Disclosure);
        Assert.Empty(k01.Variables);
    }

    [Fact]
    public void K02_counts_national_AEOs_valid_on_31_December_of_t_and_t_minus_1()
    {
        KpiDefinition k02 = KpiCatalogue.Find("K02")!;
        Assert.Equal(FormulaKind.Variation, k02.Formula);
        KpiVariable a = k02.Variable("A");
        Assert.Equal(new ActiveAtPeriodEnd("valid_from", "valid_to"), a.Timing);
        Assert.Equal(new CountDistinct("operator_id"), a.Aggregate);
        Assert.Equal(new FieldIsTrue("recognised_via_mra", false), a.Filter);
        Assert.Equal(-1, k02.Variable("B").YearOffset);
    }

    [Fact]
    public void K08_is_the_number_of_published_service_commitments_and_publishes_the_share_of_services_as_a_labelled_variant()
    {
        // The description and the surviving formula cell: "measures the number of published service commitments".
        KpiDefinition k08 = KpiCatalogue.Find("K08")!;
        Assert.Equal((FormulaKind.Value, "service commitments"), (k08.Formula, k08.Unit));
        KpiVariable a = Assert.Single(k08.Variables);
        Assert.Equal(CatalogueChecks.Canonical(Both(True("external"), True("published_commitment"))), CatalogueChecks.Canonical(a.Filter));
        Assert.Equal(new CountRows(), a.Aggregate);

        // The ratio over the inventory is not printed: a variant of its own, labelled, with its B.
        KpiVariant share = Assert.Single(k08.Variants);
        Assert.Equal(("share_of_services", FormulaKind.Ratio, "%"), (share.Name, share.Formula, share.Unit));
        Assert.StartsWith("Not printed:", share.Description, StringComparison.Ordinal);
        KpiVariable shareA = share.Variables!.Single(v => v.Name == "A");
        Assert.Equal((a.Register, a.Aggregate, a.Timing, CatalogueChecks.Canonical(a.Filter)),
            (shareA.Register, shareA.Aggregate, shareA.Timing, CatalogueChecks.Canonical(shareA.Filter)));
        Assert.Equal(CatalogueChecks.Canonical(True("external")), CatalogueChecks.Canonical(share.Variables!.Single(v => v.Name == "B").Filter));
    }

    [Fact]
    public void K09_averages_per_service_shares_of_requests_completed_in_the_period()
    {
        KpiVariable a = KpiCatalogue.Find("K09")!.Variable("A");
        Assert.Equal(new MeanOfGroupShare("service_id", "within_standard"), a.Aggregate);
        Assert.Equal(new InPeriod("completed_on"), a.Timing);
    }

    [Fact]
    public void K11_is_entered_by_an_officer()
    {
        Assert.All(KpiCatalogue.Find("K11")!.Variables, v => Assert.True(v.IsEntered, v.Name));
        Assert.Equal(InputKind.Aggregate, KpiCatalogue.Find("K11")!.Input);
    }

    [Fact]
    public void K15_counts_the_stock_of_valid_classification_rulings_and_publishes_the_yearly_flow_as_a_variant()
    {
        KpiDefinition k15 = KpiCatalogue.Find("K15")!;
        Assert.Equal(new ActiveDuringPeriod("valid_from", "valid_until"), k15.Variable("A").Timing);
        KpiVariant flow = Assert.Single(k15.Variants);
        Assert.Equal("issued_in_year", flow.Name);
        Assert.Equal(new InPeriod("issued_on"), flow.Variables!.Single(v => v.Name == "A").Timing);
        Assert.Equal(CatalogueChecks.Canonical(Is("declaration_type", "IMPORT")), CatalogueChecks.Canonical(k15.Variable("B").Filter));
    }

    [Fact]
    public void K16_is_quarterly_and_leaves_out_violations_found_by_PCA_only()
    {
        KpiDefinition k16 = KpiCatalogue.Find("K16")!;
        Assert.Equal([PeriodType.Quarter, PeriodType.Year], k16.Periods);
        Assert.Equal(
            CatalogueChecks.Canonical(Both(Is("violation_type", "CLASSIFICATION"), Not(Is("detection_source", "PCA")))),
            CatalogueChecks.Canonical(k16.Variable("A").Filter));
        Assert.Equal(Disclosure.Wco, k16.Disclosure);
    }

    [Fact]
    public void K17_and_K18_count_importers_and_cases_not_charges_and_fines()
    {
        Assert.Equal(new CountDistinct("importer_id"), KpiCatalogue.Find("K17")!.Variable("A").Aggregate);
        Assert.Equal(new CountDistinct("trader_id"), KpiCatalogue.Find("K17")!.Variable("B").Aggregate);
        Assert.Equal(new CountDistinct("case_id"), KpiCatalogue.Find("K18")!.Variable("A").Aggregate);
    }

    [Fact]
    public void K19_divides_by_the_mean_duty_of_t_t_minus_1_and_t_minus_2_and_leaves_out_voluntary_adjustments()
    {
        KpiDefinition k19 = KpiCatalogue.Find("K19")!;
        Assert.Equal(FormulaKind.ThreeYearShare, k19.Formula);
        Assert.Equal([("A", 0), ("B", 0), ("B1", -1), ("B2", -2)], k19.Variables.Select(v => (v.Name, v.YearOffset)));
        Assert.Equal(new FieldIsTrue("voluntary_adjustment", false), k19.Variable("A").Filter);
        Assert.Equal(new Sum("customs_duty_usd"), k19.Variable("B").Aggregate);
    }

    [Fact]
    public void K19_and_K20_publish_the_total_but_keep_their_breakdowns_national()
    {
        foreach (KpiDefinition k in new[] { KpiCatalogue.Find("K19")!, KpiCatalogue.Find("K20")! })
        {
            Assert.Equal(Disclosure.Public, k.Disclosure);
            Assert.All(k.Breakdowns, b => Assert.Equal(Disclosure.National, b.Disclosure));
        }

        Assert.Equal(
            [BreakdownKind.Regime, BreakdownKind.Aeo, BreakdownKind.ControlType],
            KpiCatalogue.Find("K20")!.Breakdowns.Select(b => b.Kind));
    }

    [Fact]
    public void Every_KPI_whose_text_is_garbled_missing_or_contradictory_says_what_was_decided()
    {
        // K01 lost letter, K02 no snapshot date, K03 lost disclosure, K07 arrivals, K08 lost B, K09 empty cell,
        // K11 level of adoption, K15 flow or stock, K16 PCA and B, K17 owing/paying, K18 heading, K19 three years, K20 year key.
        Assert.All(Mine, k => Assert.False(string.IsNullOrWhiteSpace(k.Decision), k.Code));
    }

    // The checker itself: each broken definition below has exactly the problems listed, worked out by reading it.

    [Fact]
    public void The_checks_name_a_field_the_register_lacks_and_a_code_the_field_cannot_hold()
    {
        KpiDefinition broken = KpiCatalogue.Find("K03")! with
        {
            Code = "K99",
            Variables =
            [
                new("A", "a", "declaration_amount", RecordAggregate.SumOf("statistical_valeu_usd"), RecordTiming.On("business_date"), Is("direction", "IMPORTS")),
                new("B", "b", "declaration_amount", RecordAggregate.SumOf("statistical_value_usd"), RecordTiming.On("business_date")),
            ],
        };

        Assert.Equal(
            [
                "K99 variable A: names field 'statistical_valeu_usd', which register 'declaration_amount' does not have",
                "K99 variable A: tests declaration_amount.direction for 'IMPORTS', which is not one of its codes (IMPORT, EXPORT, TRANSIT)",
            ],
            CatalogueChecks.Problems(broken));
    }

    [Fact]
    public void The_checks_require_a_variation_B_to_be_A_a_year_earlier()
    {
        KpiVariable a = KpiCatalogue.Find("K02")!.Variable("A");
        KpiDefinition wrongOffset = KpiCatalogue.Find("K02")! with { Variables = [a, a with { Name = "B" }] };
        KpiDefinition otherCount = KpiCatalogue.Find("K02")! with { Variables = [a, a with { Name = "B", YearOffset = -1, Filter = null }] };

        Assert.Equal(["K02 variables: formula Variation needs variables [A@0, B@-1] (name@year offset), has [A@0, B@0]"], CatalogueChecks.Problems(wrongOffset));
        Assert.Equal(
            ["K02 variables: variable B must be variable A shifted in time (same register, aggregate, timing and filter)"],
            CatalogueChecks.Problems(otherCount));
    }

    [Fact]
    public void The_checks_require_a_breakdown_field_one_of_the_variables_has()
    {
        KpiDefinition broken = KpiCatalogue.Find("K20")! with
        {
            Breakdowns = [new(BreakdownKind.ModeOfTransport, Disclosure.Wco) { Field = "mode_of_transport" }, new(BreakdownKind.Office, Disclosure.National)],
        };

        Assert.Equal(
            [
                "K20: breakdown ModeOfTransport splits by 'mode_of_transport', which none of its variables' registers (pcc_case) has",
                "K20: breakdown Office has no register field",
            ],
            CatalogueChecks.Problems(broken));
    }

    [Fact]
    public void The_checks_find_repeated_items_codes_and_ids()
    {
        KpiDefinition k01 = KpiCatalogue.Find("K01")!;
        KpiDefinition repeated = k01 with { Items = [.. k01.Items, k01.Items[0] with { Code = "J" }, k01.Items[1]] };

        Assert.Equal(
            [
                "K01: item B is listed more than once",
                $"K01: item text '{k01.Items[0].Text}' is listed more than once",
                $"K01: item text '{k01.Items[1].Text}' is listed more than once",
                "code K01 is used more than once",
                "id private_sector_engagement is used more than once",
            ],
            CatalogueChecks.Problems([k01, repeated]));
    }

    [Fact]
    public void The_checks_follow_a_related_register_and_its_timing()
    {
        KpiDefinition k15 = KpiCatalogue.Find("K15")!;
        KpiDefinition broken = k15 with
        {
            Variables =
            [
                k15.Variable("A") with { Filter = Related("binding_ruling", "ruling_id", Is("ruling_type", "TARIFF"), RecordTiming.During("valid_from", "valid_till")) },
                k15.Variable("B"),
            ],
            Variants = [],
        };

        Assert.Equal(
            [
                "K15 variable A: tests binding_ruling.ruling_type for 'TARIFF', which is not one of its codes (CLASSIFICATION, ORIGIN, VALUATION)",
                "K15 variable A: names field 'valid_till', which register 'binding_ruling' does not have",
            ],
            CatalogueChecks.Problems(broken));
    }
}
