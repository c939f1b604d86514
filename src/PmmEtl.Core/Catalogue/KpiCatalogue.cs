using PmmEtl.Core.Records;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

/// <summary>
/// The KPIs PmmEtl computes, as declared data (see docs/kpi-decisions.md for every reading of the text).
/// Sources: WCO PMM v.1 "Detailed list of KPIs" and the e-commerce FoS questionnaire, via the catalogue cards.
/// </summary>
public static partial class KpiCatalogue
{
    /// <summary>Bumped whenever a definition changes meaning; stamped on every snapshot.</summary>
    public const string Version = "2026.12-3";

    // Partial files of this class define the other areas. Shared pieces are constants or expression-bodied
    // properties, never static fields: the order in which static initialisers of partial files run is undefined.
    internal const string AreaI = "I. Trade Facilitation and Economic Competitiveness";
    internal const string AreaII = "II. Revenue Collection";
    internal const string AreaIII = "III. Enforcement, Security and Protection of Society";
    internal const string AreaIV = "IV. Organizational Development";
    internal const string AreaWcoTools = "KPIs on the awareness and use of the WCO tools";
    internal const string Annually = "annually (calendar year)";
    internal const string EveryTwoYears = "every two years (calendar year)";

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

    private const string Declarations = "declaration";
    private const string Shipments = "shipment";
    private const string Inspections = "inspection";

    /// <summary>The name of the labelled variant that counts on declarations what a KPI counts on shipments.</summary>
    public const string OnDeclarations = "declarations";

    /// <summary>An inspection that means the goods were not released immediately (K12, FOS-5.C).</summary>
    internal static RecordCondition PhysicalOrNii => Is("inspection_type", "PHYSICAL", "NII");

    private static RecordCondition Imports => Is("declaration_type", "IMPORT");
    private static RecordCondition Exports => Is("declaration_type", "EXPORT");

    /// <summary>The declaration periods: a release time is published by month, quarter and year.</summary>
    private static IReadOnlyList<PeriodType> Monthly => [PeriodType.Month, PeriodType.Quarter, PeriodType.Year];

    public static KpiDefinition PhysicalReleaseTimeImport { get; } = new()
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
                new("outside_main_entry", Not(AtOffice(OfficeRole.MainEntry)), "lodged at an office that is not a main point of entry"),
                new("no_arrival", Not(Present("arrival_local")), "no arrival of goods recorded"),
                new("not_released", Not(Present("released_local")), "not physically released yet"),
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
                        new("outside_main_entry", Not(AtOffice(OfficeRole.MainEntry)), "lodged at an office that is not a main point of entry"),
                        new("not_released", Not(Present("released_local")), "not physically released yet"),
                    ],
                    Duration = new DurationFields("lodgement_to_release_min"),
                },
            },
        ],
        Decision = "T_i and N are lost in the extracted text; read by analogy with K05/K06 as arrival → physical release per import declaration, minutes to 2 decimals.",
    };

    public static KpiDefinition PhysicalReleaseTimeExportFromLodgement { get; } = new()
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
                new("outside_main_exit", Not(AtOffice(OfficeRole.MainExit)), "lodged at an office that is not a main point of exit"),
                new("not_loaded", Not(Present("loaded_local")), "not loaded on board yet"),
            ],
            Duration = DurationFields.WithActors("lodgement_to_loading"),
        },
        Breakdowns = [Actor, Mode, AeoOrOther, Office, Channel],
        Decision = "The per-breakdown disclosure list is lost; the levels of K06 are used.",
    };

    public static KpiDefinition PhysicalReleaseTimeExportFromArrival { get; } = new()
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
                new("outside_main_exit", Not(AtOffice(OfficeRole.MainExit)), "lodged at an office that is not a main point of exit"),
                new("no_arrival", Not(Present("arrival_local")), "no arrival at the place under Customs supervision recorded"),
                new("not_loaded", Not(Present("loaded_local")), "not loaded on board yet"),
            ],
            Duration = DurationFields.WithActors("arrival_to_loading"),
        },
        Breakdowns = [Actor, Mode, AeoOrOther, PreArrivalOrOther, Office, Channel],
        Decision = "The calculation text says 'main points of entry' (a copy of K04); the description's 'major point of exit' is used.",
    };

    public static KpiDefinition ElectronicDeclarationRate { get; } = new()
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
        Decision = "Cargo declarations count under the direction the source gives them (inward manifest → import).",
    };

    public static KpiDefinition EcommerceImmediateReleaseRate { get; } = new()
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
        Decision = "The seed counts shipments, so the KPI is measured on the shipment register where the source gives one, and on declarations (variant 'declarations', and the KPI's own row, labelled) where it does not. 'Immediately' has no time threshold in the text; the clearance system's immediate-release flag is used. A shipment subject to physical examination or NII is never an immediate release, whichever record says so: its own flags, the control channel of its declaration, or an inspection of type PHYSICAL or NII in the inspection register. The inspection register is consulted wherever the source gives it, because the channel alone misses examinations decided after channelling (3,367 of the demo's 22,999 flagged declarations); where the source gives none, the note says the value rests on the records' own flags and channel.",
    };

    public static KpiDefinition EcommerceLowRiskClearanceTime { get; } = new()
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
        Decision = "The seed counts shipments, so the KPI is measured on the shipment register where the source gives one (it then equals FOS-5.B), and on declarations (variant 'declarations', and the KPI's own row, labelled) where it does not; shipments carry no control channel, so that breakdown is published by the declarations variant only. The printed N counts all e-commerce declarations while T_i covers only low-risk ones, which is not a mean; the KPI divides by the low-risk shipments measured, and the printed reading is published as variant 'as_printed'.",
    };

    public static KpiDefinition EcommerceShipmentShare { get; } = new()
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
        Decision = "The seed counts shipments, so A and B are counted on the shipment register where the source gives one, and on goods declarations (variant 'declarations', and the KPI's own row, labelled) where it does not. The two differ by design where one declaration covers many house bills: the shipment share is the one the seed asks for.",
    };

    /// <summary>The release-time and e-commerce KPIs measured from the declarations as a population.</summary>
    public static IReadOnlyList<KpiDefinition> DeclarationKpis =>
    [
        PhysicalReleaseTimeImport,
        PhysicalReleaseTimeExportFromLodgement,
        PhysicalReleaseTimeExportFromArrival,
        ElectronicDeclarationRate,
        EcommerceImmediateReleaseRate,
        EcommerceLowRiskClearanceTime,
        EcommerceShipmentShare,
    ];

    private static IReadOnlyList<KpiDefinition>? s_all;

    /// <summary>Every PMM KPI in document order (K01 … K51), then every FoS indicator and item.</summary>
    public static IReadOnlyList<KpiDefinition> All => s_all ??=
    [
        .. new[] { DeclarationKpis, TradeFacilitationKpis, RevenueKpis, EnforcementKpis, OrganisationKpis, WcoToolKpis }
            .SelectMany(k => k).OrderBy(k => k.Code, StringComparer.Ordinal),
        .. FosIndicators,
    ];

    public static IReadOnlyList<KpiDefinition> Pmm => All.Where(k => k.Family == CatalogueFamily.Pmm).ToList();

    public static KpiDefinition? Find(string codeOrId) =>
        All.FirstOrDefault(k => string.Equals(k.Code, codeOrId, StringComparison.OrdinalIgnoreCase)
                             || string.Equals(k.Id, codeOrId, StringComparison.OrdinalIgnoreCase));
}
