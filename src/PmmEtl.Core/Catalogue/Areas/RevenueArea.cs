using static PmmEtl.Core.Catalogue.KpiCatalogue;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

/// <summary>Area II, Revenue Collection (K15 … K20).</summary>
internal static class RevenueArea
{
    public static CatalogueArea Build() => new(AreaII, "RevenueArea.cs",
    [
        ClassificationBindingRulingRatio,
        ClassificationNoncomplianceRate,
        ImportersPayingInterestRate,
        FinesAdministeredRate,
        PostClearanceControlPerformance,
        PostClearanceControlEffectiveness,
    ])
    {
        Preface = "Import declarations (K15, K17, K18) and all goods declarations (K16) are counted on the declaration fact, by lodgement date.",
    };

    private static KpiDefinition ClassificationBindingRulingRatio => new()
    {
        Code = "K15",
        Id = "classification_binding_ruling_ratio",
        Name = "The ratio of binding rulings on classification to import declarations",
        Area = AreaII,
        Outcome = "Increased compliance with classification rules",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "A/B x 100",
        Definition = "A = binding rulings on tariff classification valid at some time in the calendar year (issued, in force, not yet expired or revoked); B = import declarations lodged in the same year.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "classification rulings valid at some time in the year", "binding_ruling", RecordAggregate.Rows,
                RecordTiming.During("valid_from", "valid_until"), ClassificationRulings),
            ImportDeclarations("B"),
        ],
        Variants =
        [
            new("issued_in_year", "A = classification rulings issued in the year that were valid at some time in it (the flow); B unchanged.")
            {
                Formula = FormulaKind.Ratio,
                Variables =
                [
                    new("A", "classification rulings issued in the year and valid at some time in it", "binding_ruling", RecordAggregate.Rows,
                        RecordTiming.On("issued_on"),
                        Both(ClassificationRulings,
                            Related("binding_ruling", "ruling_id", samePeriod: RecordTiming.During("valid_from", "valid_until")))),
                    ImportDeclarations("B"),
                ],
            },
        ],
        Decision = "\"Issued and are valid in the calendar year\" reads as the flow or the stock. The description, written \"to avoid ambiguity\", says \"binding rulings on classification valid in the calendar year\", and the rationale is about importers using rulings on their declarations, which any ruling in force allows: A = classification rulings valid at some time in the year (`valid_from` … `valid_until`, the earlier of `valid_to` and the day before revocation; a ruling revoked before it took effect was never valid and counts in no year). The flow — rulings issued in the year and valid at some time in it — is published as variant `issued_in_year`. No breakdown: the HS-chapter monitoring advised nationally needs import declarations by chapter, which the declaration fact does not hold.",
    };

    private static KpiDefinition ClassificationNoncomplianceRate => new()
    {
        Code = "K16",
        Id = "classification_noncompliance_rate",
        Name = "Degree of non-compliance with classification rules",
        Area = AreaII,
        Outcome = "Increased compliance with classification rules",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)*100",
        Definition = "A = classification violations (infringements, contraventions, infractions, offences, misclassifications) detected in the period, except those found by post-clearance audit (PCA); B = Customs goods declarations (import, export, transit) lodged in the period.",
        Unit = "%",
        MinimumPeriodicity = "quarterly",
        Disclosure = Disclosure.Wco,
        Periods = [PeriodType.Quarter, PeriodType.Year],
        Variables =
        [
            new("A", "classification violations detected in the period, not by PCA", "violation", RecordAggregate.Rows, RecordTiming.On("detected_on"),
                Both(Is("violation_type", "CLASSIFICATION"), Not(Is("detection_source", "PCA")))),
            new("B", "goods declarations lodged in the period", "declaration", RecordAggregate.Rows, RecordTiming.On("business_date"),
                Is("declaration_type", "IMPORT", "EXPORT", "TRANSIT")),
        ],
        Breakdowns =
        [
            new(BreakdownKind.DetectionSource, Disclosure.National) { Field = "detection_source" },
            // Declarations carry no HS chapter, so B stays the total declarations of the period in every chapter row.
            new(BreakdownKind.HsChapter, Disclosure.National) { Field = "hs_chapter" },
        ],
        Decision = "A counts violations (one record per violation), not declarations or items, of type classification, in the period they are detected. Only PCA findings are left out, as printed; other post-clearance controls stay in. B is every goods declaration (import, export, transit), not only imports; cargo manifests are left out so that a consignment does not count twice. Published by quarter (as printed) and year; disclosure WCO. A national breakdown by detection source is added, and the advised HS-chapter monitoring as a national breakdown of A (`violation.hs_chapter`, UNKNOWN when not given) over the period's total declarations, since declarations carry no chapter.",
    };

    private static KpiDefinition ImportersPayingInterestRate => new()
    {
        Code = "K17",
        Id = "importers_paying_interest_rate",
        Name = "Percentage of importers paying interest",
        Area = AreaII,
        Outcome = "Increased voluntary revenue compliance",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "A/B*100",
        Definition = "A = distinct importers on whom interest for late or short payment of duties was assessed in the period; B = distinct importers (traders on import declarations) active in the period.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "importers with interest assessed in the period", "interest_charge", RecordAggregate.Distinct("importer_id"), RecordTiming.On("assessed_on")),
            new("B", "importers on import declarations lodged in the period", "declaration", RecordAggregate.Distinct("trader_id"), RecordTiming.On("business_date"),
                Both(Is("declaration_type", "IMPORT"), Present("trader_id"))),
        ],
        Decision = "The name says \"paying\", the formula \"owing\": A = distinct importers with interest assessed in the period, whether paid yet or not. B = importers active in the period (distinct traders on import declarations), not a register that would include dormant importers. An importer charged interest on an earlier year's declaration who did not import in the period counts in A only; `importer_id` and the declaration's `trader_id` must be the same identifier.",
    };

    private static KpiDefinition FinesAdministeredRate => new()
    {
        Code = "K18",
        Id = "fines_administered_rate",
        Name = "Percentage of fines administered",
        Area = AreaII,
        Outcome = "Increased voluntary revenue compliance",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "A/B*100",
        Definition = "A = cases subject to fines: distinct cases with a fine imposed in the period on an import declaration; B = import declarations lodged in the period.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "cases with a fine imposed in the period on an import declaration", "fine", RecordAggregate.Distinct("case_id"), RecordTiming.On("imposed_on"),
                Is("declaration_direction", "IMPORT")),
            ImportDeclarations("B"),
        ],
        Decision = "The card heading says \"Percentage change of fines administered\"; field a), the table of contents and the formula say a plain ratio, which is computed. Cases are counted (distinct `case_id`), not fines; a case counts in each year in which one of its fines was imposed. B is import declarations, so only fines on import declarations count in A (passenger, export and transit fines are left out).",
    };

    private static KpiDefinition PostClearanceControlPerformance => new()
    {
        Code = "K19",
        Id = "post_clearance_control_performance",
        Name = "Post-clearance control performance",
        Area = AreaII,
        Outcome = "Fairer revenue collection",
        Input = InputKind.Transactional,
        Formula = FormulaKind.ThreeYearShare,
        PrintedFormula = "(A/B)*100",
        Definition = "A = net customs duty (USD) assessed, imposed or adjusted by post-clearance controls (PCA included) closed in year t, voluntary adjustments, VAT and excise excluded; B = mean of the customs duty (USD) assessed on declarations in years t, t−1 and t−2.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "net customs duty assessed or adjusted by post-clearance controls closed in the year, in USD, voluntary adjustments excluded", "pcc_case",
                RecordAggregate.SumOf("duty_adjusted_usd"), RecordTiming.On("closed_on"), False("voluntary_adjustment")),
            DutyAssessed("B", 0),
            DutyAssessed("B1", -1),
            DutyAssessed("B2", -2),
        ],
        Breakdowns =
        [
            new(BreakdownKind.Aeo, Disclosure.National) { Field = "operator_aeo" },
            new(BreakdownKind.ControlType, Disclosure.National) { Field = "control_type" },
        ],
        Decision = "\"The last three years\" = t, t−1, t−2: the cycle for year t asks for the three years ending with it. B, B1, B2 = customs duty assessed on declarations in each year (USD); no value while any of them has no amounts. A = net duty assessed or adjusted by post-clearance controls (PCA and other) closed in t: negative adjustments (refunds) reduce it, as the description's \"net amount\" says; voluntary adjustments are left out by flag; VAT and excise never enter the amounts. USD at the cycle's rate (`currency.usd_rates`). In the AEO / non-AEO and PCA / other breakdowns (national) only A is split; B stays the whole duty take, so the parts add up to the KPI.",
    };

    private static KpiDefinition PostClearanceControlEffectiveness => new()
    {
        Code = "K20",
        Id = "post_clearance_control_effectiveness",
        Name = "Effectiveness of post-clearance controls",
        Area = AreaII,
        Outcome = "Fairer revenue collection",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)*100",
        Definition = "A = post-clearance control cases (PCA included) closed in the year with findings; B = all post-clearance control cases closed in the year.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "post-clearance control cases closed in the year with findings", "pcc_case", RecordAggregate.Rows, RecordTiming.On("closed_on"), True("has_findings")),
            new("B", "post-clearance control cases closed in the year", "pcc_case", RecordAggregate.Rows, RecordTiming.On("closed_on")),
        ],
        Breakdowns =
        [
            new(BreakdownKind.Regime, Disclosure.National) { Field = "regime" },
            new(BreakdownKind.Aeo, Disclosure.National) { Field = "operator_aeo" },
            new(BreakdownKind.ControlType, Disclosure.National) { Field = "control_type" },
        ],
        Decision = "\"Activities resulting in findings\" and \"controls performed (cases)\" are both counted as cases, placed in the year the case is closed (its findings known), so A is part of B. Breakdowns by regime, AEO / non-AEO and PCA / other are national; the overall value is public. A case open at year end counts in the year it closes.",
    };

    // Pieces shared by several variables.
    private static RecordCondition ClassificationRulings => Is("ruling_type", "CLASSIFICATION");

    /// <summary>The denominator of K15 and K18.</summary>
    private static KpiVariable ImportDeclarations(string name) =>
        new(name, "import declarations lodged in the period", "declaration", RecordAggregate.Rows, RecordTiming.On("business_date"),
            Is("declaration_type", "IMPORT"));

    /// <summary>The yearly duty take of K19's denominator, <paramref name="yearOffset"/> years before t.</summary>
    private static KpiVariable DutyAssessed(string name, int yearOffset) =>
        new(name, yearOffset == 0 ? "customs duty assessed on declarations in year t, in USD" : $"customs duty assessed on declarations in year t−{-yearOffset}, in USD",
            "declaration_amount", RecordAggregate.SumOf("customs_duty_usd"), RecordTiming.On("business_date"), null, yearOffset);
}
