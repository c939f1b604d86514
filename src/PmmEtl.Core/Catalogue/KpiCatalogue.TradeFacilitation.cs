using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

public static partial class KpiCatalogue
{
    // Every initialiser below reads only constants, expression-bodied members and static methods: the order in
    // which the static initialisers of this class's partial files run is undefined.

    public static KpiDefinition PrivateSectorEngagement { get; } = new()
    {
        Code = "K01",
        Id = "private_sector_engagement",
        Name = "Private sector engagement",
        Area = AreaI,
        Outcome = "Increased trust in the relationship with trade",
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.Checklist,
        PrintedFormula = "((A+B+C+D+E+F+G+H+I)/9) *100",
        Definition = "Self-assessed score of the Customs–business outreach set-up: nine criteria A–I, each 1 when at least one consultation group meets it and 0 otherwise; score = yes answers / 9 × 100 (a total of 9 is 100%).",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Wco,
        Items =
        [
            new("A", "Does the Customs administration have established mechanisms to enable periodic engagement with the private sector to discuss Customs-specific issues or opportunities that impact their commercial operations? Examples could be an advisory council, a public-private consultative group, a Customs-to-business working group, informal meetings, etc."),
            new("B", "Does the group/Do the groups meet in accordance with established timeframes and at least on a biannual basis?"),
            new("C", "Does the group/Do the groups meet and communicate new information to industry \"as needed\" in response to exigent circumstances (e.g. COVID, national security event, etc.)?"),
            new("D", "Does the group/Do the groups meet to facilitate discussions on specific topics? Possible examples include single window, intellectual property rights, proposals on new policies/regulations, etc."),
            new("E", "Does the group/Do the groups have established Terms of Reference in place to enable good governance? Possible examples include provisions for the selection process of private sector representatives, balanced and diverse membership, and/or the evaluation of conflicts of interest for certain Members."),
            new("F", "Does the group/Do the groups have a designated representative (senior level official and/or office) from the Customs administration that is responsible for industry engagement, dissemination of information, and solicitation of input from the trade industry?"),
            new("G", "Does the group/Do the groups have a designated representative (senior level official and/or office) from the Customs administration that is responsible for coordination with and solicitation of input from partner government agencies?"),
            new("H", "Does the group/Do the groups have mechanisms to ensure transparency with the public regarding the group's deliberations? Possible examples include pre-announced meetings, public access to discussions and documents, and/or opportunity for the public to provide written and oral comments."),
            new("I", "Does the group/Do the groups have established mechanisms to keep track of the recommendations from all involved for appropriate follow-up purposes?"),
        ],
        Decision = "The ninth criterion lost its letter in extraction; it is item I, the ninth term of the formula. An item is yes when at least one consultation group meets it ('Yes, at least one'). 'Biannual' in B is read as at least twice a year.",
    };

    public static KpiDefinition AeoCountVariation { get; } = new()
    {
        Code = "K02",
        Id = "aeo_count_variation",
        Name = "Variation in the number of AEOs",
        Area = AreaI,
        Outcome = "Increased trust in the relationship with trade",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Variation,
        PrintedFormula = "((A-B)/B)*100, # AEO_t = A, # AEO_t-1 = B",
        Definition = "Change in % of the number of Authorized Economic Operators with a valid status: A = distinct operators holding an authorisation valid on 31 December of year t, B = the same on 31 December of t−1; every operator type counts, operators recognised only through an MRA do not.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Variables =
        [
            TradeFacilitationVariables.ValidAeos("A", "operators with a valid national AEO authorisation on 31 December of year t", 0),
            TradeFacilitationVariables.ValidAeos("B", "operators with a valid national AEO authorisation on 31 December of year t−1", -1),
        ],
        // An operator with several authorisation types counts once under each type.
        Breakdowns = [new(BreakdownKind.OperatorType, Disclosure.Public) { Field = "aeo_operator_type" }],
        Decision = "No snapshot date is printed: an authorisation counts when its validity interval holds 31 December of the year (suspended or revoked periods are gaps in the type-2 history). Operators are counted, not authorisations, so an operator holding several authorisations counts once. Authorisations recognised only through an MRA are left out, as printed. No value when B = 0 (no programme a year earlier). The printed public breakdown by type of operator is published; an operator with several types counts once under each.",
    };

    public static KpiDefinition AeoTradeShare { get; } = new()
    {
        Code = "K03",
        Id = "aeo_trade_share",
        Name = "AEO involvement in trade",
        Area = AreaI,
        Outcome = "Increased trust in the relationship with trade",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "A/B*100",
        Definition = "A = statistical value (USD) of the year's import and export declarations on which the declarant, the representative or the trader held a valid AEO authorisation on the lodgement date; B = statistical value (USD) of all import and export declarations of the year.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Wco,
        Variables =
        [
            new("A", "statistical value in USD of import and export declarations with an AEO involved", "declaration_amount",
                RecordAggregate.SumOf("statistical_value_usd"), RecordTiming.On("business_date"),
                Both(Is("direction", "IMPORT", "EXPORT"), True("aeo_involved"))),
            new("B", "statistical value in USD of all import and export declarations", "declaration_amount",
                RecordAggregate.SumOf("statistical_value_usd"), RecordTiming.On("business_date"),
                Is("direction", "IMPORT", "EXPORT")),
        ],
        Breakdowns = [new(BreakdownKind.Direction, Disclosure.Wco) { Field = "direction" }],
        Decision = "The text fixes no value basis: the statistical value is used, converted to USD at the cycle's rate so that declarations in several currencies add up. AEO trade includes declarations whose declarant or representative (or the trader) is an AEO, as printed; transit is not trade for this KPI. The disclosure level is lost in extraction: WCO is used until the WCO confirms it, since a value published too widely cannot be withdrawn.",
    };

    public static KpiDefinition AirPassengerPhysicalInspectionRate { get; } = new()
    {
        Code = "K07",
        Id = "air_passenger_physical_inspection_rate",
        Name = "Passengers travelling by air undergoing physical inspection",
        Area = AreaI,
        Outcome = "Smoother movement of people",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "A/B ×100",
        Definition = "A = passengers arriving by air at the representative airport who were physically inspected (red channel or similar) in the period; B = all passengers arriving by air at that airport in the period.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.National,
        Variables =
        [
            new("A", "arriving air passengers physically inspected", "passenger_control", RecordAggregate.Rows, RecordTiming.On("control_date"),
                Both(TradeFacilitationVariables.AirArrivals, True("physically_inspected"))),
            new("B", "all arriving air passengers", "passenger_control", RecordAggregate.Rows, RecordTiming.On("control_date"),
                TradeFacilitationVariables.AirArrivals),
        ],
        Decision = "The text does not say arrivals or departures; its rationale is about passengers arriving by air, so both variables count arrivals. 'Physically inspected (red channel or similar)' is the record's inspection flag, not its channel: a red-channel passenger waved through does not count, a green-channel passenger searched does. The representative airport and timeframe are chosen at the source: the passenger_control register holds that airport's records, or B is entered from airport statistics. Disclosure 'Country' is the national level.",
    };

    public static KpiDefinition ServiceCommitment { get; } = new()
    {
        Code = "K08",
        Id = "service_commitment",
        Name = "Service commitment",
        Area = AreaI,
        Outcome = "Increased quality of services",
        Input = InputKind.Aggregate,
        Formula = FormulaKind.Value,
        PrintedFormula = "A = number of service commitments that Customs have published (rest of the cell lost)",
        Definition = "A = the number of published service commitments for Customs service delivery: external Customs services (delivered to people or organisations, not to Customs staff) with a commitment published (service standard, charter …), each counted once.",
        Unit = "service commitments",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables = [TradeFacilitationVariables.PublishedCommitments],
        Variants =
        [
            new("share_of_services", "Not printed: A / B × 100, B = the external services in the inventory: the share of external services that have a published commitment, as the rationale suggests ('identify all of their Customs services; and consider how many of those … have published service commitments').")
            {
                Formula = FormulaKind.Ratio,
                Variables =
                [
                    TradeFacilitationVariables.PublishedCommitments,
                    new("B", "external services in the inventory", "service", RecordAggregate.Rows, RecordTiming.Always, True("external")),
                ],
                Unit = "%",
            },
        ],
        Decision = "The description says the indicator 'measures the number of published service commitments' and the only surviving part of the formula is 'A = number of service commitments that Customs have published': the KPI is that count. Any B is lost; the rationale's 'how many of those Customs services have published service commitments' is published beside it as variant 'share_of_services' (A over the external services in the inventory), labelled as not printed. The service register records whether a service has a published commitment, so a service counts once. Internal services never count; a commitment only approved internally is not published. The inventory has no dates: every period reads it as loaded, and an administration with yearly inventories enters A (and B) per year. The PMM counts this KPI among the officer-entered ones; the service register computes it when loaded.",
    };

    public static KpiDefinition ServiceDelivery { get; } = new()
    {
        Code = "K09",
        Id = "service_delivery",
        Name = "Service delivery",
        Area = AreaI,
        Outcome = "Increased quality of services",
        Input = InputKind.Aggregate,
        Formula = FormulaKind.MeanShare,
        PrintedFormula = "(calculation cell empty in the source)",
        Definition = "For each external service, the share of its requests completed in the period that were completed within the service standard; the KPI is the mean of these shares over the services, × 100.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "mean over services of the share of completed requests completed within the service standard", "service_request",
                RecordAggregate.MeanShare("service_id", "within_standard"), RecordTiming.On("completed_on"), Present("completed_on")),
        ],
        Decision = "The calculation cell, the periodicity and the disaggregation are empty. From the description ('the average percentage of services completed in accordance with service standards'): per service, completed within standard / completed; the KPI is the unweighted mean over services, so that one high-volume service does not hide the others. Requests count in the period they are completed, so a published year does not change when late requests close afterwards; a request still open is not counted, even when already late. Annual, as K08. The PMM counts this KPI among the officer-entered ones; the service_request register computes it when loaded.",
    };

    public static KpiDefinition DataStandardizationRate { get; } = new()
    {
        Code = "K11",
        Id = "data_standardization_rate",
        Name = "Data standardization",
        Area = AreaI,
        Outcome = "Paperless trade",
        Input = InputKind.Aggregate,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B) ×100",
        Definition = "A = Customs declaration types standardised in accordance with the WCO Data Model in the calendar year; B = all Customs declaration types (import, export, transit, cargo declaration: normally 4). Both entered by an officer.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Variables =
        [
            KpiVariable.Entered("A", "declaration types standardised in accordance with the WCO Data Model (conformance checked, level S, or My Information Package published, level IP)"),
            KpiVariable.Entered("B", "declaration types in use: import, export, transit, cargo declaration (normally 4)"),
        ],
        Decision = "The description says 'percentage of Customs declarations' but the formula counts declaration types; types are counted. B follows the formula's list of four types (the rationale omits transit). The text does not say which WCO DM adoption level counts as standardised; the rationale ties standardisation to a My Information Package, so a type counts at level IP (MyIP published) or S (conformance checked), not at M (mapping) or P (project).",
    };

    private static IReadOnlyList<KpiDefinition>? s_TradeFacilitationKpis;

    /// <summary>Area I KPIs other than the declaration-fact ones (K01, K02, K03, K07, K08, K09, K11).</summary>
    public static IReadOnlyList<KpiDefinition> TradeFacilitationKpis => s_TradeFacilitationKpis ??=
    [
        PrivateSectorEngagement,
        AeoCountVariation,
        AeoTradeShare,
        AirPassengerPhysicalInspectionRate,
        ServiceCommitment,
        ServiceDelivery,
        DataStandardizationRate,
    ];

    /// <summary>Pieces shared by several area I variables; methods, so that no initialiser depends on another.</summary>
    private static class TradeFacilitationVariables
    {
        public static RecordCondition AirArrivals => Both(Is("flow", "ARRIVAL"), Is("mode_of_transport", "AIR"));

        /// <summary>K08's A: the KPI's count and the numerator of its share variant.</summary>
        public static KpiVariable PublishedCommitments =>
            new("A", "external services with a published service commitment", "service", RecordAggregate.Rows, RecordTiming.Always,
                Both(True("external"), True("published_commitment")));

        /// <summary>Operators with a national (not MRA-only) authorisation valid on the last day of the period.</summary>
        public static KpiVariable ValidAeos(string name, string description, int yearOffset) =>
            new(name, description, "aeo_authorisation", RecordAggregate.Distinct("operator_id"),
                RecordTiming.AtEnd("valid_from", "valid_to"), False("recognised_via_mra"), yearOffset);
    }
}
