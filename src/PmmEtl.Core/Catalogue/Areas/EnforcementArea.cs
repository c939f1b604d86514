using PmmEtl.Core.Records;
using static PmmEtl.Core.Catalogue.KpiCatalogue;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

/// <summary>
/// Area III, Enforcement, Security and Protection of Society (K21 … K39). The 8 hit rates and the 9 seizure variations
/// are one shape each, built by <see cref="HitRate"/> and <see cref="SeizureVariation"/> from what their cards say
/// differently.
/// </summary>
internal static class EnforcementArea
{
    private const string Quarterly = "quarterly (calendar quarter)";

    private const string TargetingOutcome = "Increased use of technical targeting and detection capabilities on goods and passengers";
    private const string ExciseOutcome = "Increased effectiveness in combatting illicit trade in excisable products (tobacco, alcohol, petroleum and oil)";
    private const string CulturalHeritageOutcome = "Increased effectiveness in combatting illicit trafficking of cultural heritage";
    private const string PublicHealthOutcome = "Increased effectiveness in safeguarding public health";
    private const string CounterfeitOutcome = "Increased effectiveness in the fight against counterfeit goods and piracy, including sustainability in the disposal of seized goods";
    private const string DrugsOutcome = "Increased effectiveness in combatting drugs trafficking";
    private const string EnvironmentOutcome = "Increased effectiveness in the fight against environmental threats";
    private const string SecurityOutcome = "Increased public security by combatting the proliferation of weapons and materials of mass destruction, trafficking of small arms and explosives, and illicit diversion of dual-use goods";
    private const string FinancialOutcome = "Enhanced efficiency and accuracy in financial investigations aimed at combatting money laundering and terrorism financing, including asset recovery";

    private const string InspectionRegister = "inspection";
    private const string SeizureRegister = "seizure";

    // Which category rules keep out or keep in, said once per category in each Decision: membership is the
    // pipeline's data (seizure_categories), never code, so an administration changes it without touching C#.
    private const string CigaretteRules = " The card's scope (counterfeit cigarettes in; cigars, raw tobacco and e-cigarettes out) is carried by the category rules: the exclusions are rules with counts = no, and a counterfeit-cigarette commodity is also ruled into IPR, so such a seizure counts in both.";
    private const string CulturalRules = " Which commodities are cultural goods is the category rules' choice.";
    private const string FirearmsRules = " The borderline items (replica firearms; knives, daggers; protective masks; tasers, batons; antique firearms) are kept in where Customs is mandated to control them, as the card says: rules with requires_mandate = yes, counted only for items whose mandated_control flag is set.";
    private const string EnvironmentRules = " The MEA sub-types (wildlife, hazardous waste, ozone depleting substances, hydrofluorocarbons, hazardous chemicals and pesticides, persistent organic pollutants) are subcategories of the category rules and all count.";
    private const string FinancialRules = " Cash and cash-like payment means (travellers cheques) are ruled in; gems, jewellery and antiques are rules with counts = no.";

    // Seizures made by Customs alone or jointly: the hit-rate cards count controls 'performed by Customs or
    // jointly with other government agencies', and the variation cards count 'seizures in which Customs participates'.
    private static RecordCondition ByCustoms => Is("performed_by", "CUSTOMS", "JOINT");

    private static Breakdown ModeNational => new(BreakdownKind.ModeOfTransport, Disclosure.National) { Field = "mode_of_transport" };
    private static Breakdown GoodsOrPassengersNational => new(BreakdownKind.ObjectType, Disclosure.National) { Field = "object_type" };
    private static Breakdown OfficeNational => new(BreakdownKind.Office, Disclosure.National) { Field = "office_code" };

    public static CatalogueArea Build() => new(AreaIII, "EnforcementArea.cs",
    [
        RiskProfileInspectionRatio,
        RiskManagementMaturity,
        SeizureVariation("K23", "alcohol_seizure_variation", "Variation in the number of alcohol seizures", ExciseOutcome,
            SeizureCategories.Alcohol, "number of alcohol seizures",
            byGoodsOrPassengers: false,
            decision: "The 'Mode of transport:' list is lost in extraction; read as sea, air, rail and land like the sibling cards. The card lists no goods/passengers split."),
        SeizureVariation("K24", "cigarette_seizure_variation", "Variation in the number of cigarettes seizures", ExciseOutcome,
            SeizureCategories.Cigarettes, "number of cigarettes seizures",
            byGoodsOrPassengers: false,
            decision: "The 'Mode of transport:' list is lost in extraction; read as sea, air, rail and land like the sibling cards. The card lists no goods/passengers split; the target cell holds only the stray words 'the national level' and is ignored." + CigaretteRules),
        HitRate("K25", "alcohol_control_hit_rate", "Effectiveness of controls on alcohol", ExciseOutcome,
            SeizureCategories.Alcohol, "Total number of seizures for alcohol", "(A/B) ×100",
            decision: "j) periodicity, k) disaggregation and l) target are lost in extraction: annual periods, mode of transport and goods/passengers are inferred from K26, its sibling card."),
        HitRate("K26", "cigarette_control_hit_rate", "Effectiveness of controls on cigarettes", ExciseOutcome,
            SeizureCategories.Cigarettes, "Total number of seizures for cigarettes", "(A/B) ×100",
            decision: CigaretteRules.Trim()),
        HitRate("K27", "cultural_goods_control_hit_rate", "Effectiveness of controls on cultural goods", CulturalHeritageOutcome,
            SeizureCategories.CulturalGoods, "Total number of seizures of cultural heritage in the last calendar year", "(A/B)×100",
            decision: "The card makes the overall KPI National too ('for the overall KPI and the disaggregated data')." + CulturalRules),
        SeizureVariation("K28", "cultural_goods_seizure_variation", "Variation in the number of seizures of illicitly trafficked cultural goods", CulturalHeritageOutcome,
            SeizureCategories.CulturalGoods, "Number of seizures of illicit trafficking of cultural heritage",
            byGoodsOrPassengers: true,
            decision: "The card's counting rule (a control on a minibus that finds six packages of cultural goods is one infringement) is why the counting unit is the seizure case." + CulturalRules),
        HitRate("K29", "foodstuff_consumer_goods_control_hit_rate", "Effectiveness of controls on foodstuffs and consumer goods", PublicHealthOutcome,
            SeizureCategories.FoodstuffsConsumerGoods, "Total number of seizures of foodstuffs and consumer goods in the last calendar year", "(A/B)×100",
            decision: "j) periodicity is lost and k) disaggregation partly lost (only 'o land' is legible) in extraction: annual periods, mode of transport and goods/passengers are inferred from the sibling hit-rate cards."),
        SeizureVariation("K30", "foodstuff_consumer_goods_seizure_variation", "Variation in the number of seizures of foodstuffs and consumer goods", PublicHealthOutcome,
            SeizureCategories.FoodstuffsConsumerGoods, "Number of seizures of foodstuffs and consumer goods",
            byGoodsOrPassengers: true,
            decision: "o) other considerations are lost in extraction; nothing else is missing."),
        HitRate("K31", "ipr_control_hit_rate", "Effectiveness of IPR controls", CounterfeitOutcome,
            SeizureCategories.Ipr, "Total number of IPR seizures in the last calendar year", "(A/B)×100",
            decision: "The mode-of-transport list is lost in extraction ('Goods or passengers' is legible); read as sea, air, rail and land like the sibling cards. A counterfeit-cigarette seizure counts here and in K26: the category rules put its commodity in both."),
        SeizureVariation("K32", "ipr_seizure_variation", "Variation in the number of IPR seizures", CounterfeitOutcome,
            SeizureCategories.Ipr, "Number of IPR seizures",
            byGoodsOrPassengers: true,
            decision: "j) periodicity is blank in extraction: annual is inferred from the formula (years t and t−1) and the sibling cards. The mode list shows air, rail and land ('sea' lost); all four modes are used."),
        HitRate("K33", "drugs_control_hit_rate", "Effectiveness of controls on drugs", DrugsOutcome,
            SeizureCategories.Drugs, "Total number of drug seizures in the last calendar year", "(A/B)×100",
            decision: "The card calls the indicator 'qualitative' and most country examples measure quantities seized; the printed formula counts seizures, and so does the KPI."),
        SeizureVariation("K34", "drugs_seizure_variation", "Variation in the number of drugs seizures", DrugsOutcome,
            SeizureCategories.Drugs, "Number of seizures of drugs",
            byGoodsOrPassengers: true,
            decision: "The rationale speaks of the quantity of drugs seized; the printed formula counts seizures, and so does the KPI."),
        HitRate("K35", "environmental_goods_control_hit_rate", "Effectiveness of controls on environmentally sensitive goods", EnvironmentOutcome,
            SeizureCategories.Environmental, "Total number of seizures of environmentally sensitive goods in the last calendar year", "(A/B)×100",
            decision: "The card's outcome reads 'Increase effectiveness…'; the outcome heading's 'Increased effectiveness…' is used." + EnvironmentRules),
        SeizureVariation("K36", "environmental_goods_seizure_variation", "Variation in the number of seizures of environmentally sensitive goods", EnvironmentOutcome,
            SeizureCategories.Environmental, "Number of seizures of illicitly trafficked environmentally sensitive goods",
            byGoodsOrPassengers: true,
            decision: "j) periodicity and k) disaggregation are lost in extraction: annual periods, mode of transport and goods/passengers are inferred from K35 and the sibling variation cards." + EnvironmentRules),
        HitRate("K37", "firearms_control_hit_rate", "Effectiveness of controls on firearms, essential components, ammunition and explosives", SecurityOutcome,
            SeizureCategories.Firearms, "Total number of seizures of firearms, essential components, ammunition and explosives in the last calendar year", "A/B ×100",
            decision: "j) periodicity is lost and k) disaggregation partly lost ('o land' and 'Goods or passengers' are legible) in extraction: annual periods, mode of transport and goods/passengers are inferred." + FirearmsRules),
        SeizureVariation("K38", "firearms_seizure_variation", "Variation in the number of seizures of firearms, essential components, ammunition and explosives", SecurityOutcome,
            SeizureCategories.Firearms, "Number of seizures of firearms, essential components, ammunition and explosives",
            byGoodsOrPassengers: true,
            decision: "Fields i)–n) are lost in extraction: annual periods, mode of transport and goods/passengers, and disclosure Public for the overall KPI / National for the breakdowns are inferred from K37 and the other variation cards." + FirearmsRules),
        SeizureVariation("K39", "financial_instruments_seizure_variation", "Variation in the number of seizures of financial instruments", FinancialOutcome,
            SeizureCategories.FinancialInstruments, "Number of seizures of financial instruments",
            byGoodsOrPassengers: false,
            decision: "Only seizures 'effected at borders through passenger controls' count (via_passenger_control), in t and in t−1; the card's disaggregation is mode of transport only. The KPI counts seizures, not amounts, so exchange rates and the national declaration threshold do not enter it." + FinancialRules,
            passengerControlsOnly: true),
    ])
    {
        Preface = "Which commodity counts in which seizure category is never code: it is the pipeline's category rules (`inputs.seizure_categories`), and every variable reads it through `HasItemIn(category)`.",
        SharedDecisions =
        [
            new("Hit rates (K25, K26, K27, K29, K31, K33, K35, K37)",
                "Formula `(A/B)×100` as printed. A = seizure cases (one case however many items or packages) made by Customs alone or jointly (`performed_by` CUSTOMS or JOINT) in the calendar year, with at least one item the category rules count in the category. B = inspections with `inspection_type` PHYSICAL on goods and passengers, performed by Customs or jointly, in the same year: NII and documentary checks are not physical inspections. B is one definition shared by all eight; the inspection register has no category, so B keeps its total whatever the category and is broken down only by mode, goods/passengers and office. The card's definition of a hit rate counts \"physical inspections that led to the discovery of irregularities and seizures\" while the printed A counts seizures: the KPI follows the formula, and `variant = per_inspection` publishes the physical inspections (Customs or joint) linked by `inspection_id` to a seizure of the category, over the same B. Disclosure National for the KPI and every breakdown (mode of transport, goods/passengers, office)."),
            new("Variations (K23, K24, K28, K30, K32, K34, K36, K38, K39)",
                "Formula `((A-B)/B)*100`. A = seizure cases made by Customs alone or jointly with an item of the category in calendar year t; B = the same definition with `YearOffset = -1`. No value, with the reason stated, when B is 0, or when year t−1 is missing from the data (the seizure register holds records, but none dated in t−1: \"no value for year t−1\", not \"B = 0\"); an entered B for t−1 fills a missing year. OGA-only seizures are left out (the cards speak of \"seizures in which Customs participates\"), so a variation and its hit rate count the same seizures. The counting unit is the case (K28: one minibus control with six packages of cultural goods is one infringement). Unit: % change. Disclosure Public for the overall value, National for every breakdown."),
            new("Office (area III)",
                "A breakdown beyond the PMM lists on every record KPI of the area, published at the national level."),
        ],
    };

    private static KpiDefinition RiskProfileInspectionRatio => new()
    {
        Code = "K21",
        Id = "risk_profile_inspection_ratio",
        Name = "Ratio of inspections carried out on the basis of risk profiles versus the total number of inspections",
        Area = AreaIII,
        Outcome = TargetingOutcome,
        Input = InputKind.Transactional,
        Formula = FormulaKind.ShareOfTotal,
        PrintedFormula = "((A+B)/B)*100",
        Definition = "Share of inspections selected by risk profiles in all inspections: A/(A+B)×100, A = inspections selected by a risk profile (seizure reports and modus operandi, international organisations, Customs databases, trade and industry, carriers, stevedores, brokers); B = inspections selected by a manual process (random selection, selection by inspectors, investigative leads and tips, requests of other law enforcement agencies outside the risk engine). Every inspection of goods or passengers counts, physical, NII or documentary, dated by inspection date.",
        Unit = "%",
        MinimumPeriodicity = Quarterly,
        Disclosure = Disclosure.Wco,
        Periods = [PeriodType.Quarter, PeriodType.Year],
        Variables =
        [
            Inspections("A", "Inspections selected by a risk profile (selection_source RISK_PROFILE)", "RISK_PROFILE"),
            Inspections("B", "Inspections selected by a manual process: random, by an officer, on a tip or lead, or at another law enforcement agency's request (selection_source RANDOM, OFFICER, TIP, OTHER_LEA)", "RANDOM", "OFFICER", "TIP", "OTHER_LEA"),
        ],
        Breakdowns =
        [
            new(BreakdownKind.Direction, Disclosure.Wco) { Field = "direction" },
            new(BreakdownKind.ModeOfTransport, Disclosure.Wco) { Field = "mode_of_transport" },
            GoodsOrPassengersNational,
            new(BreakdownKind.ControlType, Disclosure.National) { Field = "inspection_type" },
            OfficeNational,
        ],
        Variants =
        [
            new("as_printed", "((A+B)/B)×100 as printed: all inspections over the manual ones, always 100 or more.") { Formula = FormulaKind.TotalOverB },
        ],
        Decision = "The printed `((A+B)/B)*100` is always ≥ 100 and contradicts the name (\"versus the total number of inspections\"). The KPI is A/(A+B)×100 (`ShareOfTotal`), the share of risk-profile inspections in all inspections; `variant = as_printed` publishes `(A+B)/B×100` (`TotalOverB`). A = inspections with `selection_source` RISK_PROFILE; B = RANDOM, OFFICER, TIP, OTHER_LEA (manual processes and other agencies' requests outside the risk engine). Every inspection counts, whatever its type (physical, NII, documentary) and whoever performed it, on the card's own terms: its name, description, A and B say \"inspections\" with no type, where the hit-rate cards (K25 …) say \"physical inspections\" each time they mean only those; the outcome it measures is the \"increased use of technical targeting and detection capabilities\", and an NII scan or a documentary check chosen by a risk profile is that use as much as a physical examination; and A and B must cover the same inspections for A/(A+B) to be a share of a total. (The description's \"including all of the different types of inspection sources\" is about how an inspection was selected, the split into A and B, not about its type, and is not relied on.) The inspection type is published as a national breakdown (`control_type`) so the physical-only ratio can be read. N is every inspection measured (A + B); `numerator` and `denominator` are A and B, so quarters sum to the year. Published by quarter (the minimum periodicity) and by year. Direction of trade and mode of transport (the PMM's disaggregations) are WCO like the KPI; \"detailed disaggregated results: national level\" is read as the finer breakdowns (goods/passengers, inspection type, office), published National.",
    };

    private static KpiDefinition RiskManagementMaturity => new()
    {
        Code = "K22",
        Id = "risk_management_maturity",
        Name = "Degree of maturity of risk management on goods and passengers",
        Area = AreaIII,
        Outcome = TargetingOutcome,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.Checklist,
        PrintedFormula = "((A+B+C+D+E+F+G+H+I+J+K+L+M+N+O+P+Q)/17) *100",
        Definition = "Self-assessment of the adoption, use and enhancement of risk-management tools and techniques for goods and passenger flows, against the WCO 'RISK MANAGEMENT MATURITY LEVELS': 17 criteria A–Q answered yes (1) or no (0); the value is the share answered yes, in steps of 100/17 ≈ 5.88.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Wco,
        Items = RiskManagementItems,
        Decision = "Items A–H and the headings of sections a) and b) are lost in the extracted text (no other stored copy was found). They stay items with placeholder texts (\"text lost … answer it from the WCO's original checklist\") so the score keeps the printed 17 terms; the assessment file must answer them. I–J sit in section b) (heading lost), K–O in c) Risk Management Implementation, P–Q in d) Technology Support. I–Q carry their scope (goods: I, K, L, N, P; passengers: J, M, O, Q; K is \"import and export\", hence goods), so the split can be added once A–H are known. The card's disaggregation \"Goods and/or Passengers\" has no sub-score formula and would need the scope of A–H: only the total is published; a goods or passenger score over the legible items alone would be a different indicator.",
    };

    private static IReadOnlyList<ChecklistItem> RiskManagementItems =>
    [
        .. "ABCDEFGH".Select(c => new ChecklistItem(c.ToString(),
            $"Item {c}: text lost in the extracted PMM (sections a) and b), headings lost too); answer it from the WCO's original checklist.")),
        new("I", "Are there any arrangements in place to enable information exchange, with regards to goods, with other Member administrations?", "goods"),
        new("J", "Are there any arrangements in place to enable information exchange, with regards to passengers, with other Member administrations?", "passengers"),
        new("K", "Are there risk analysis procedures or guides applied for import and export?", "goods"),
        new("L", "Is there a system for marking goods in terms of the levels of risk they entail (example: Green for \"Minimal risk\", Orange for \"Medium risk\", Red for \"High risk\")?", "goods"),
        new("M", "Is there a system for marking passengers in terms of the levels of risk they entail (example: Green for \"Minimal risk\", Orange for \"Medium risk\", Red for \"High risk\")?", "passengers"),
        new("N", "Do you update risk indicators, with regards to goods, as a result of an assessment of the risk management implementation?", "goods"),
        new("O", "Do you update risk indicators, with regards to passengers, as a result of an assessment of the risk management implementation?", "passengers"),
        new("P", "Is there a targeting engine (automatic system) for the control of goods?", "goods"),
        new("Q", "Is there a targeting engine (automatic system) for the control of passengers?", "passengers"),
    ];

    private static KpiVariable Inspections(string name, string description, params string[] selectionSources) =>
        new(name, description, InspectionRegister, RecordAggregate.Distinct("inspection_id"), RecordTiming.On("inspection_date"),
            Is("selection_source", selectionSources));

    /// <summary>
    /// B of every hit rate: physical inspections of goods and passengers performed by Customs or jointly with other
    /// government agencies. NII and documentary checks are not physical inspections. The register has no
    /// category field, so B keeps its total for a category and is broken down only by mode, goods/passengers and office.
    /// </summary>
    private static RecordCondition PhysicalInspectionByCustoms =>
        Both(Is("inspection_type", "PHYSICAL"), Is("object_type", "GOODS", "PASSENGER"), ByCustoms);

    private static KpiVariable PhysicalInspections =>
        new("B", "Physical inspections on goods and passengers performed by Customs or jointly with other government agencies (the same B for all eight hit rates)",
            InspectionRegister, RecordAggregate.Distinct("inspection_id"), RecordTiming.On("inspection_date"), PhysicalInspectionByCustoms);

    private static KpiVariable SeizuresIn(string name, string description, string category, bool passengerControlsOnly, int yearOffset = 0) =>
        new(name, description, SeizureRegister, RecordAggregate.Distinct("seizure_id"), RecordTiming.On("seizure_date"),
            passengerControlsOnly
                ? Both(HasItemIn(category), ByCustoms, True("via_passenger_control"))
                : Both(HasItemIn(category), ByCustoms),
            yearOffset);

    /// <summary>One "Effectiveness of controls on …" KPI: seizures of a category over the shared physical-inspection count.</summary>
    private static KpiDefinition HitRate(string code, string id, string name, string outcome, string category, string printedA, string printedFormula, string decision) => new()
    {
        Code = code,
        Id = id,
        Name = name,
        Area = AreaIII,
        Outcome = outcome,
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = printedFormula,
        Definition = $"Hit rate of physical controls for category {category}: A = seizure cases made by Customs alone or jointly with other government agencies in the calendar year with at least one item the category rules count in {category} (printed: '{printedA}'); B = physical inspections on goods and passengers performed by Customs or jointly with other government agencies in the same year, the same B for all eight hit rates.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.National,
        Variables =
        [
            SeizuresIn("A", $"Seizure cases by Customs or joint with an item in {category} (printed: {printedA})", category, passengerControlsOnly: false),
            PhysicalInspections,
        ],
        Breakdowns = [ModeNational, GoodsOrPassengersNational, OfficeNational],
        Variants =
        [
            new("per_inspection", $"Physical inspections by Customs or joint that led to at least one seizure with an item in {category}, over the same B: the hit rate as the card's definition words it ('physical inspections that led to the discovery of irregularities and seizures').")
            {
                Formula = FormulaKind.Ratio,
                Variables =
                [
                    new("A", $"Physical inspections on goods and passengers by Customs or joint with a related seizure with an item in {category}",
                        InspectionRegister, RecordAggregate.Distinct("inspection_id"), RecordTiming.On("inspection_date"),
                        Both(PhysicalInspectionByCustoms, Related(SeizureRegister, "inspection_id", HasItemIn(category)))),
                    PhysicalInspections,
                ],
            },
        ],
        Decision = decision + " "
            + $"A counts seizure cases (one case however many items or packages) made by Customs alone or jointly, with at least one item the pipeline's category rules count in {category}; category membership is data, never code. "
            + "B counts physical inspections only (NII and documentary checks are not physical) of goods and passengers by Customs alone or jointly, and is the same for all eight hit rates, so a rare category shows a low rate (the card's own caveat); passenger inspections that are not recorded make every rate an overestimate. "
            + "The printed A is a number of seizures while the card's definition of a hit rate counts inspections that led to seizures: the KPI follows the formula, and variant 'per_inspection' publishes the inspections that led to a seizure of the category (linked by inspection_id) over the same B. "
            + "Periods are calendar years ('in the last calendar year').",
    };

    /// <summary>One "Variation in the number of … seizures" KPI: seizures of a category in year t against year t−1.</summary>
    private static KpiDefinition SeizureVariation(string code, string id, string name, string outcome, string category, string printedA,
        bool byGoodsOrPassengers, string decision, bool passengerControlsOnly = false) => new()
    {
        Code = code,
        Id = id,
        Name = name,
        Area = AreaIII,
        Outcome = outcome,
        Input = InputKind.Transactional,
        Formula = FormulaKind.Variation,
        PrintedFormula = "((A-B)/B)*100",
        Definition = $"Year-on-year change in the number of seizure cases made by Customs alone or jointly with at least one item the category rules count in {category}"
            + (passengerControlsOnly ? ", made at the border through passenger controls" : "")
            + $": A = such seizures in calendar year t (printed: '{printedA} in year t'); B = the same in year t−1; no value when B is 0.",
        Unit = "% change",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            SeizuresIn("A", $"Seizure cases by Customs or joint with an item in {category}{(passengerControlsOnly ? " through passenger controls" : "")}, year t", category, passengerControlsOnly),
            SeizuresIn("B", $"Seizure cases by Customs or joint with an item in {category}{(passengerControlsOnly ? " through passenger controls" : "")}, year t−1", category, passengerControlsOnly, yearOffset: -1),
        ],
        Breakdowns = byGoodsOrPassengers ? [ModeNational, GoodsOrPassengersNational, OfficeNational] : [ModeNational, OfficeNational],
        Decision = decision + " "
            + $"A and B count seizure cases (one case however many items or packages) made by Customs alone or jointly ('seizures in which Customs participates'), with at least one item the pipeline's category rules count in {category}; category membership is data, never code. "
            + "B is A a calendar year earlier; no value, with the reason stated, when B is 0. The overall value is Public, every breakdown National.",
    };
}
