using PmmEtl.Core.Records;
using static PmmEtl.Core.Catalogue.KpiCatalogue;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

/// <summary>
/// Area I, Trade Facilitation and Economic Competitiveness (K01 … K14): the release times and e-commerce KPIs measured
/// from a population of declarations or shipments, and the KPIs combining variables of other registers or answers.
/// </summary>
internal static class TradeFacilitationArea
{
    // The release-time exclusions K04 (and its variant), K05 and K06 share: one definition each, so a reason's code and
    // wording cannot drift apart between the KPIs that count it.
    private static Exclusion OutsideMainEntry => new("outside_main_entry", Not(AtOffice(OfficeRole.MainEntry)), "lodged at an office that is not a main point of entry");

    private static Exclusion OutsideMainExit => new("outside_main_exit", Not(AtOffice(OfficeRole.MainExit)), "lodged at an office that is not a main point of exit");

    private static Exclusion NotReleased => new("not_released", Not(Present("released_local")), "not physically released yet");

    private static Exclusion NotLoaded => new("not_loaded", Not(Present("loaded_local")), "not loaded on board yet");

    public static CatalogueArea Build() => new(AreaI, "TradeFacilitationArea.cs",
    [
        PrivateSectorEngagement,
        AeoCountVariation,
        AeoTradeShare,
        PhysicalReleaseTimeImport,
        PhysicalReleaseTimeExportFromLodgement,
        PhysicalReleaseTimeExportFromArrival,
        AirPassengerPhysicalInspectionRate,
        ServiceCommitment,
        ServiceDelivery,
        ElectronicDeclarationRate,
        DataStandardizationRate,
        EcommerceImmediateReleaseRate,
        EcommerceLowRiskClearanceTime,
        EcommerceShipmentShare,
    ])
    {
        Preface = "Every record variable can be replaced by an officer's entered value for the same period (aggregate input file).",
        SharedDecisions =
        [
            new("All time KPIs",
                "Σ T_i / N is printed with i = 0 … n (n + 1 terms); read as the mean over the N declarations measured. Minutes, 2 decimals; median, 90th percentile, min and max are published beside the mean and labelled as extra (the PMM value is the mean). Periods follow the office-local business date."),
            new("K04–K06 actor split",
                "Business: until both lodgement and arrival have happened, and after release until loading on board; OGA: from then until the permit; Customs: the rest until release. OGA takes time it shares with Customs (the PMM has no rule), so the parts add up to the whole. A source that gives no OGA permit times cannot tell OGA from Customs: both parts are then \"not measurable\" (a public Customs share with OGA waiting in it would be wrong), while Business stays measurable."),
            new("Office, control channel (K04–K06, K10, K12–K14)",
                "Breakdowns beyond the PMM lists, published at the national level."),
        ],
    };

    private const string Declarations = "declaration";
    private const string Shipments = "shipment";
    private const string Inspections = "inspection";

    /// <summary>An inspection that means the goods were not released immediately (K12, FOS-5.C).</summary>
    internal static RecordCondition PhysicalOrNii => Is("inspection_type", "PHYSICAL", "NII");

    private static Breakdown Office => new(BreakdownKind.Office, Disclosure.National) { Field = "office_code" };
    private static Breakdown Channel => new(BreakdownKind.ControlChannel, Disclosure.National) { Field = "control_channel" };
    private static Breakdown Mode => new(BreakdownKind.ModeOfTransport, Disclosure.Wco) { Field = "mode_of_transport" };
    private static Breakdown AeoOrOther => new(BreakdownKind.Aeo, Disclosure.Wco) { Field = "aeo", TrueLabel = "AEO", FalseLabel = "OTHER" };
    private static Breakdown PreArrivalOrOther => new(BreakdownKind.PreArrival, Disclosure.Wco) { Field = "pre_arrival", TrueLabel = "PRE_ARRIVAL", FalseLabel = "OTHER" };
    private static Breakdown Direction => new(BreakdownKind.Direction, Disclosure.Public) { Field = "direction" };

    // Business and OGA shares are WCO-only; the Customs share is public (PMM disclosure list of K04 and K06).
    private static Breakdown Actor => new(
        BreakdownKind.ResponsibleActor,
        Disclosure.Wco,
        new Dictionary<string, Disclosure> { ["CUSTOMS"] = Disclosure.Public });

    private static RecordCondition Imports => Is("declaration_type", "IMPORT");
    private static RecordCondition Exports => Is("declaration_type", "EXPORT");

    /// <summary>The declaration periods: a release time is published by month, quarter and year.</summary>
    private static IReadOnlyList<PeriodType> Monthly => [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];

    private static KpiDefinition PrivateSectorEngagement => new()
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
        Decision = "Checklist of nine yes/no criteria A–I, score = yes / 9 × 100. The ninth criterion lost its letter in extraction; it is I, the ninth term of the printed formula. An item is yes when at least one consultation group meets it (\"Yes, at least one\"). \"Biannual\" in B is read as at least twice a year. Disclosure WCO.",
    };

    private static KpiDefinition AeoCountVariation => new()
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
            ValidAeos("A", "operators with a valid national AEO authorisation on 31 December of year t", 0),
            ValidAeos("B", "operators with a valid national AEO authorisation on 31 December of year t−1", -1),
        ],
        // An operator with several authorisation types counts once under each type.
        Breakdowns = [new(BreakdownKind.OperatorType, Disclosure.Public) { Field = "aeo_operator_type" }],
        Decision = "No snapshot date is printed: an AEO counts when an authorisation's validity interval holds 31 December of t (A) and of t−1 (B); suspensions and revocations are gaps in the type-2 history. Operators are counted (distinct `operator_id`), not authorisations. MRA-recognised authorisations are left out, as printed. No value when B = 0 (no programme a year earlier). The printed public breakdown by type of operator (`operator_type`, from `aeo_operator_type`) is published; an operator with several types counts once under each, so the types add up to more than the total.",
    };

    private static KpiDefinition AeoTradeShare => new()
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
        Decision = "No value basis is printed: statistical value in USD at the cycle's rate, so declarations in several currencies add up. AEO trade = import and export declarations whose declarant, representative or trader held a valid, non-MRA AEO authorisation on the lodgement date (`aeo_involved`); transit is left out of both A and B. The disclosure level is lost in extraction: WCO (the narrower level) until the WCO confirms it, since a value published too widely cannot be withdrawn; the direction breakdown follows it.",
    };

    private static KpiDefinition AirPassengerPhysicalInspectionRate => new()
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
                Both(AirArrivals, True("physically_inspected"))),
            new("B", "all arriving air passengers", "passenger_control", RecordAggregate.Rows, RecordTiming.On("control_date"),
                AirArrivals),
        ],
        Decision = "The text does not say arrivals or departures; the rationale is about passengers arriving by air, so both A and B count air arrivals. \"Physically inspected (red channel or similar)\" is the record's `physically_inspected` flag, not its channel: a red-channel passenger waved through does not count, a green-channel passenger searched does. The representative airport and timeframe are chosen at the source (the `passenger_control` register holds that airport's records, or B is entered from airport statistics). Disclosure \"Country\" = national.",
    };

    private static KpiDefinition ServiceCommitment => new()
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
        Variables = [PublishedCommitments],
        Variants =
        [
            new("share_of_services", "Not printed: A / B × 100, B = the external services in the inventory: the share of external services that have a published commitment, as the rationale suggests ('identify all of their Customs services; and consider how many of those … have published service commitments').")
            {
                Formula = FormulaKind.Ratio,
                Variables =
                [
                    PublishedCommitments,
                    new("B", "external services in the inventory", "service", RecordAggregate.Rows, RecordTiming.Always, True("external")),
                ],
                Unit = "%",
            },
        ],
        Decision = "The description says the indicator \"measures the number of published service commitments\" and the only surviving part of the formula is \"A = number of service commitments that Customs have published\": the KPI is that count (FormulaKind Value, unit \"service commitments\"), A = external services with a published commitment, each counted once (the service register records whether a service has one). Any B is lost. The rationale's \"identify all of their Customs services; and consider how many of those … have published service commitments\" is published beside it as variant `share_of_services`, labelled \"Not printed\": A / B × 100, B = external services in the inventory (B can be entered for a past year like A). Internal services never count; a commitment approved only internally is not published. The inventory is undated: each period reads it as loaded (enter A, and B, for a past year). Input kind stays \"aggregate\" as the PMM counts it; the `service` register computes it when loaded.",
    };

    private static KpiDefinition ServiceDelivery => new()
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
        Decision = "The calculation cell, periodicity and disaggregation are empty. From the description (\"the average percentage of services completed in accordance with service standards\"): for each service, requests completed within standard / requests completed; the KPI is the unweighted mean over services × 100, so one high-volume service does not hide the others. Requests count in the period they are completed (a published year does not move when late requests close afterwards); a request still open is not counted, even when already late. Annual, as K08. The PMM counts this KPI among the officer-entered ones; the `service_request` register computes it when loaded.",
    };

    private static KpiDefinition DataStandardizationRate => new()
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
        Decision = "Both A and B are entered. The description says \"percentage of Customs declarations\" but the formula counts declaration types: types are counted, and B follows the formula's list (import, export, transit, cargo declaration: normally 4; the rationale omits transit). No adoption level is named as \"standardised\": the rationale ties it to a My Information Package, so a type counts at level IP (MyIP published) or S (conformance checked), not M (mapping) or P (project).",
    };

    private static KpiDefinition PhysicalReleaseTimeImport => new()
    {
        Code = "K04",
        Id = "physical_release_time_import",
        Name = "Physical release time for import",
        Area = AreaI,
        Outcome = "Smoother movement of goods",
        Input = InputKind.Transactional,
        Formula = FormulaKind.MeanDuration,
        PrintedFormula = "ΣT_i/N (T_i, N and unit lost in extraction)",
        Definition = "Mean minutes from arrival of the goods to their physical release, per import declaration lodged at a main point of entry; N = import declarations measured.",
        Unit = "minutes",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Declarations, Imports)
        {
            Exclusions =
            [
                OutsideMainEntry,
                new("no_arrival", Not(Present("arrival_local")), "no arrival of goods recorded"),
                NotReleased,
            ],
            Duration = DurationFields.WithActors("arrival_to_release"),
        },
        Breakdowns = [Actor, AeoOrOther, PreArrivalOrOther, Mode, Office, Channel],
        Variants =
        [
            new("lodgement_to_release", "The segment from lodgement to physical release, over the imports at a main point of entry that were released, arrival time or not: measurable where the source gives no arrival time. Not the KPI: the time before lodgement is missing.")
            {
                Measure = new(Declarations, Imports)
                {
                    Exclusions =
                    [
                        OutsideMainEntry,
                        NotReleased,
                    ],
                    Duration = new DurationFields("lodgement_to_release_min"),
                },
            },
        ],
        Decision = "T_i, N and the unit are lost in extraction. By analogy with K05/K06: arrival → physical release per import declaration at a main point of entry (`offices[].main_entry`). Excluded and counted: outside a main point of entry, no arrival recorded, not released yet. Where arrival times are missing (WCO DM import messages carry none), the segment that can still be measured, lodgement → physical release, is published as variant `lodgement_to_release` with its own N: the seed asks for the release time split by responsible actor, and this is the part after lodgement. It is labelled, never the KPI: the time before lodgement is missing from it.",
    };

    private static KpiDefinition PhysicalReleaseTimeExportFromLodgement => new()
    {
        Code = "K05",
        Id = "physical_release_time_export_from_lodgement",
        Name = "Physical release time to export from the lodging of the export declaration",
        Area = AreaI,
        Outcome = "Smoother movement of goods",
        Input = InputKind.Transactional,
        Formula = FormulaKind.MeanDuration,
        PrintedFormula = "ΣT_i/N",
        Definition = "Mean minutes from lodging of the export declaration until the goods are loaded on board, at a main point of exit; N = export declarations measured.",
        Unit = "minutes",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Declarations, Exports)
        {
            Exclusions =
            [
                OutsideMainExit,
                NotLoaded,
            ],
            Duration = DurationFields.WithActors("lodgement_to_loading"),
        },
        Breakdowns = [Actor, Mode, AeoOrOther, Office, Channel],
        Decision = "Lodgement → loading on board, export declarations at a main point of exit. The per-breakdown disclosure list is lost; K06's levels are used (Business/OGA WCO, Customs public, others WCO).",
    };

    private static KpiDefinition PhysicalReleaseTimeExportFromArrival => new()
    {
        Code = "K06",
        Id = "physical_release_time_export_from_arrival",
        Name = "Physical release time to export from the arrival of goods at places under Customs supervision",
        Area = AreaI,
        Outcome = "Smoother movement of goods",
        Input = InputKind.Transactional,
        Formula = FormulaKind.MeanDuration,
        PrintedFormula = "ΣT_i/N",
        Definition = "Mean minutes from arrival of the export goods at a place under Customs supervision until they are loaded on board, at a main point of exit; N = export declarations measured.",
        Unit = "minutes",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Declarations, Exports)
        {
            Exclusions =
            [
                OutsideMainExit,
                new("no_arrival", Not(Present("arrival_local")), "no arrival at the place under Customs supervision recorded"),
                NotLoaded,
            ],
            Duration = DurationFields.WithActors("arrival_to_loading"),
        },
        Breakdowns = [Actor, Mode, AeoOrOther, PreArrivalOrOther, Office, Channel],
        Decision = "The calculation text says \"main points of entry\", a copy of K04; the description's \"major point of exit\" is used.",
    };

    private static KpiDefinition ElectronicDeclarationRate => new()
    {
        Code = "K10",
        Id = "electronic_declaration_rate",
        Name = "Rate of electronic declarations",
        Area = AreaI,
        Outcome = "Paperless trade",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "A/B x100",
        Definition = "A = import, export, transit and cargo declarations submitted as structured electronic messages (EDI, web form, Single Window; not e-mail, not scanned uploads); B = all such declarations.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Declarations, Is("declaration_type", "IMPORT", "EXPORT", "TRANSIT", "CARGO")) { Numerator = True("is_electronic") },
        Breakdowns = [Direction, Office],
        Decision = "Electronic = EDI, web form, Single Window; e-mail, scanned uploads and paper are not. Cargo declarations count under the direction the source gives them (inward manifest → import).",
    };

    private static KpiDefinition EcommerceImmediateReleaseRate => new()
    {
        Code = "K12",
        Id = "ecommerce_immediate_release_rate",
        Name = "Immediate release rate of e-commerce shipments",
        Area = AreaI,
        Outcome = "More efficiency of clearance and delivery in e-commerce",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)×100",
        Definition = "A = e-commerce shipments released immediately upon arrival (departure, for exports): flagged for immediate release and not subject to physical examination or NII; B = all e-commerce shipments. Counted on shipment records (house bills, postal items); where the source gives none, on declarations, labelled.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Shipments, Both(True("ecommerce"), Is("direction", "IMPORT", "EXPORT")))
        {
            Numerator = Both(True("immediate_release"), Not(True("physical_exam")), Not(True("nii")),
                Not(RelatedWhereGiven(Inspections, "shipment_id", PhysicalOrNii))),
        },
        Breakdowns = [Direction, Office],
        Variants =
        [
            new(OnDeclarations, "The same rate counted on declarations (one e-commerce declaration = one shipment): immediate-release flag, not in the RED or NII channel, and, where the source gives the inspection register, no physical or NII inspection of the declaration in it.")
            {
                Measure = new(Declarations, Both(True("ecommerce"), Is("direction", "IMPORT", "EXPORT")))
                {
                    Numerator = Both(True("immediate_release"), Not(Is("control_channel", [.. Codes.ControlledChannels])),
                        Not(RelatedWhereGiven(Inspections, "declaration_id", PhysicalOrNii))),
                },
            },
        ],
        FallbackVariant = OnDeclarations,
        Decision = "The seed counts shipments: the KPI is measured on the `shipment` register (house bills, postal items) where the source gives one, e-commerce shipments import and export dated by arrival/departure, and then equals FOS-5.C. Where the source gives no shipment register, the KPI's own row is counted on declarations and says so in its note (\"counted on declarations, not shipments: …\"); the declaration count is always published beside it as variant `declarations`, so the two can be compared. \"Immediately\" has no threshold in the text: the clearance system's immediate-release flag is used. A shipment subject to physical examination or NII is never an immediate release, whichever record says so: its own `physical_exam`/`nii` flags, the RED or NII channel of its declaration, or an inspection of type PHYSICAL or NII in the inspection register (linked by `shipment_id`, or by `declaration_id` for the declaration count). The inspection register is consulted wherever the source gives it (`RelatedWhereGiven`), on shipments and on declarations — the channel alone misses examinations decided after channelling: 3,367 of the demo's 22,999 flagged declarations had one, and an independent count gives 50.66 % where the channel-only rule gave 59.35 %. Where the source gives no inspection register the value rests on the records' own flags and channel, and every row's note says so (\"the source gives no inspections: only what the shipments themselves record rules one out\"), rather than making K12 unmeasurable for every export without one. Exports read \"upon departure\".",
    };

    private static KpiDefinition EcommerceLowRiskClearanceTime => new()
    {
        Code = "K13",
        Id = "ecommerce_low_risk_clearance_time",
        Name = "Average clearance time of low-risk cross-border e-commerce shipments",
        Area = AreaI,
        Outcome = "More efficiency of clearance and delivery in e-commerce",
        Input = InputKind.Transactional,
        Formula = FormulaKind.MeanDuration,
        PrintedFormula = "ΣT_i/N, N = total number of e-commerce declarations",
        Definition = "Mean minutes from lodging to clearance from Customs formalities, over low-risk e-commerce shipments; N = low-risk e-commerce shipments measured. Counted on shipment records; where the source gives none, on declarations, labelled.",
        Unit = "minutes",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Shipments, True("ecommerce"))
        {
            Exclusions =
            [
                new("not_low_risk", Not(Is("risk_level", "LOW")), "not rated low risk by the national risk management system"),
                new("not_cleared", Not(Present("clearance_minutes")), "no lodgement or no clearance time recorded"),
            ],
            Duration = new DurationFields("clearance_minutes"),
        },
        Breakdowns = [Office, Channel],
        Variants =
        [
            new("as_printed", "Σ T_i over low-risk shipments divided by N = all e-commerce shipments, as printed; not a mean.", DenominatorBasis.Population),
            new(OnDeclarations, "The same mean counted on declarations (one e-commerce declaration = one shipment): lodgement to clearance over low-risk e-commerce declarations; the only population with a control-channel breakdown.")
            {
                Measure = new(Declarations, True("ecommerce"))
                {
                    Exclusions =
                    [
                        new("not_low_risk", Not(True("is_low_risk")), "not rated low risk by the national risk management system"),
                        new("not_cleared", Not(Present("cleared_local")), "not cleared from Customs formalities yet"),
                    ],
                    Duration = new DurationFields("lodgement_to_clearance_min"),
                },
            },
        ],
        FallbackVariant = OnDeclarations,
        Decision = "Counted on low-risk e-commerce shipments (`risk_level` LOW, lodgement → clearance from the shipment's own times), where the source gives a shipment register, so K13 equals FOS-5.B on the demo (268.18); otherwise on declarations, labelled, as for K12; variant `declarations` always publishes the declaration mean, and it alone has the control-channel breakdown (shipments carry no channel). The printed N is \"total number of e-commerce declarations\" while T_i covers only low-risk ones — not a mean. The KPI divides by the low-risk shipments measured; `variant = as_printed` divides the same sum by all e-commerce shipments. End event: clearance from Customs formalities, not physical release.",
    };

    private static KpiDefinition EcommerceShipmentShare => new()
    {
        Code = "K14",
        Id = "ecommerce_shipment_share",
        Name = "Share of e-commerce shipments",
        Area = AreaI,
        Outcome = "More efficiency of clearance and delivery in e-commerce",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)×100",
        Definition = "A = e-commerce shipments (import and export); B = all import and export shipments. Counted on shipment records (house bills, postal items); where the source gives none, on goods declarations (one declaration = one shipment), labelled.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Periods = Monthly,
        Measure = new(Shipments, Is("direction", "IMPORT", "EXPORT")) { Numerator = True("ecommerce") },
        Breakdowns = [Direction, Office],
        Variants =
        [
            new(OnDeclarations, "The same share counted on goods declarations (import and export; one declaration = one shipment; cargo manifests left out so that a consignment is not counted twice).")
            {
                Measure = new(Declarations, Is("declaration_type", "IMPORT", "EXPORT")) { Numerator = True("ecommerce") },
            },
        ],
        FallbackVariant = OnDeclarations,
        Decision = "A and B counted on shipments (import and export shipment records) where the source gives a shipment register, as the seed counts; otherwise on goods declarations, labelled, with variant `declarations` always published. The two differ by design where one declaration covers many house bills (demo 2025: 79.36 % of shipments, 24.25 % of declarations); the shipment share is the one the seed asks for. On declarations cargo manifests are left out so a consignment is not counted twice.",
    };

    // Pieces shared by several variables.
    private static RecordCondition AirArrivals => Both(Is("flow", "ARRIVAL"), Is("mode_of_transport", "AIR"));

    /// <summary>K08's A: the KPI's count and the numerator of its share variant.</summary>
    private static KpiVariable PublishedCommitments =>
        new("A", "external services with a published service commitment", "service", RecordAggregate.Rows, RecordTiming.Always,
            Both(True("external"), True("published_commitment")));

    /// <summary>Operators with a national (not MRA-only) authorisation valid on the last day of the period.</summary>
    private static KpiVariable ValidAeos(string name, string description, int yearOffset) =>
        new(name, description, "aeo_authorisation", RecordAggregate.Distinct("operator_id"),
            RecordTiming.AtEnd("valid_from", "valid_to"), False("recognised_via_mra"), yearOffset);
}
