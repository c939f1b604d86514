namespace PmmEtl.Core.Records;

/// <summary>
/// Every record type the KPIs read: the goods declaration and the registers the catalogue's section 5 proposes, with
/// the canonical fields. Field names are the contract with sources (mapping keys, query aliases, CSV headers) and
/// with KPI definitions; columns are the warehouse's. docs/sources.md says what each field means and which KPI reads it.
/// </summary>
public static class RecordTypes
{
    public static IReadOnlyList<string> Modes => Codes.TransportModes;
    public static readonly IReadOnlyList<string> Grades = ["SENIOR", "MIDDLE", "OFFICER"];

    /// <summary>The 11 elements of the WCO Model Code of Ethics and Conduct (K47, K48).</summary>
    public static readonly IReadOnlyList<string> ViolationTypes =
    [
        "PERSONAL_RESPONSIBILITY", "COMPLIANCE_WITH_LAW", "RELATIONS_WITH_PUBLIC", "GIFTS_AND_HOSPITALITY", "CONFLICTS_OF_INTEREST",
        "POLITICAL_ACTIVITIES", "MONEY_MATTERS", "CONFIDENTIALITY", "OFFICIAL_PROPERTY", "PRIVATE_PURCHASE", "WORK_ENVIRONMENT",
    ];

    /// <summary>The longest identifier accepted (the warehouse key columns are this wide).</summary>
    public const int MaxKeyLength = 100;

    private static RecordField Text(string name, bool required = false, string description = "") => new(name, FieldType.Text, required, null, description);
    private static RecordField Id(string name, bool required = false, string description = "") => new(name, FieldType.Text, required, null, description) { MaxLength = MaxKeyLength };
    private static RecordField Code(string name, IReadOnlyList<string> codes, bool required = false, string description = "") => new(name, FieldType.Code, required, codes, description);
    private static RecordField Bool(string name, bool required = false, string description = "") => new(name, FieldType.Bool, required, null, description);
    private static RecordField Date(string name, bool required = false, string description = "") => new(name, FieldType.Date, required, null, description);
    private static RecordField Time(string name, bool required = false, string description = "") => new(name, FieldType.LocalTime, required, null, description);
    private static RecordField Number(string name, bool required = false, string description = "") => new(name, FieldType.Number, required, null, description);
    private static RecordField Integer(string name, bool required = false, string description = "") => new(name, FieldType.Integer, required, null, description);
    private static RecordField DerivedBool(string name, string description, params string[] restsOn) => new(name, FieldType.Bool, false, null, description) { Derived = true, RestsOn = restsOn };
    private static RecordField DerivedNumber(string name, string description, params string[] restsOn) => new(name, FieldType.Number, false, null, description) { Derived = true, RestsOn = restsOn };
    private static RecordField DerivedDate(string name, string description, params string[] restsOn) => new(name, FieldType.Date, false, null, description) { Derived = true, RestsOn = restsOn };

    /// <summary>A declaration milestone: an office-local time read from the source, stored as a UTC instant in <c>&lt;stem&gt;_utc</c>.</summary>
    private static RecordField Milestone(string stem, string description) => Time(stem + "_local", false, description) with { StoredAs = stem + "_utc" };

    /// <summary>A declaration flag: an empty cell of a mapped column means "no"; a flag the source does not have stays null.</summary>
    private static RecordField Flag(string name, string column, string description) => Bool(name, false, description) with { StoredAs = column, EmptyMeans = "0" };

    /// <summary>
    /// A measured interval of the declaration (minutes, from instants) and its split between the responsible actors. The
    /// total rests on the interval's two ends; Business needs lodgement and arrival as well (and release, where the
    /// interval runs past it), and the OGA and Customs parts the OGA permit too: without it they cannot be told apart.
    /// </summary>
    private static IEnumerable<RecordField> Interval(string stem, string description, string from, string to, params string[] business)
    {
        string[] total = [from, to];
        string[] split = [.. total, .. business.Except(total)];
        return
        [
            DerivedNumber(stem + "_min", description, total),
            DerivedNumber(stem + "_business_min", "the Business part of " + stem, split),
            DerivedNumber(stem + "_oga_min", "the part of " + stem + " waiting for other government agencies", [.. split, "oga_permit_local"]),
            DerivedNumber(stem + "_customs_min", "the Customs part of " + stem, [.. split, "oga_permit_local"]),
        ];
    }

    /// <summary>
    /// The goods declaration: one record per declaration, an accumulating snapshot (a re-read declaration whose release
    /// arrived later replaces its row). Only its id, type and office are required; the business date is the one the
    /// national system registered it under, or the office's local date of its first milestone. Everything else a source
    /// may not have, and every KPI that needs what is missing says so. Loaded straight into the fact where the engine
    /// allows it (DuckDB, PostgreSQL), since declarations are most of a year's rows.
    /// </summary>
    public static RecordSchema Declaration { get; } = new()
    {
        Name = "declaration",
        Table = "fact_declaration",
        Description = "Goods declarations (import, export, transit, cargo), one row per declaration with its milestones and the durations measured from them.",
        Key = ["declaration_id"],
        DateField = "business_date",
        OfficeField = "office_code",
        AppendsInPlace = true,
        FeedsTraderDimension = true,
        Fields =
        [
            Id("declaration_id", true, "the MRN or national declaration number"),
            Code("declaration_type", Codes.DeclarationTypes, true, "IMPORT, EXPORT, TRANSIT, CARGO (manifest); any other national type is loaded as OTHER")
                with { UnlistedAs = "OTHER", Identifies = true },
            Code("direction", Codes.Directions, false, "the type's direction unless given; a cargo declaration needs it") with { RestsOn = ["declaration_type"] },
            Id("office_code", true, "the office of lodgement, from the pipeline's office reference"),
            Date("business_date", false, "the date the national system registered the declaration under; else the office's local date of its first milestone")
                with { RestsOn = ["arrival_local", "lodged_local"], RestsOnAny = true, NeedsTimeOfDay = false },
            Code("mode_of_transport", Codes.TransportModes, false, "UN/ECE Rec. 19 mode at the border"),
            Code("control_channel", Codes.ControlChannels, false, "the risk-management channel"),
            Id("trader_id", false, "the importer, exporter or declarant"),
            Flag("aeo", "is_aeo", "an AEO is involved"),
            Flag("pre_arrival", "is_pre_arrival", "lodged before arrival (also true whenever lodgement precedes arrival)") with { RestsOn = ["arrival_local", "lodged_local"] },
            Flag("ecommerce", "is_ecommerce", "an e-commerce consignment"),
            Code("risk_level", Codes.RiskLevels, false, "the national risk rating"),
            Code("submission_channel", Codes.SubmissionChannels, false, "how the declaration was lodged"),
            Flag("immediate_release", "is_immediate_release", "flagged for release on arrival by the clearance system"),
            Milestone("arrival", "arrival of the goods"),
            Milestone("lodged", "lodgement of the declaration") with { Required = true, MissingReason = "missing lodgement time" },
            Milestone("oga_permit", "permit of other government agencies"),
            Milestone("inspection_start", "start of the physical inspection"),
            Milestone("inspection_end", "end of the physical inspection"),
            Milestone("cleared", "clearance from Customs formalities"),
            Milestone("released", "physical release"),
            Milestone("loaded", "loading on board (exports)"),
            DerivedBool("is_low_risk", "rated LOW by the national risk management", "risk_level"),
            DerivedBool("is_electronic", "lodged as a structured electronic message (EDI, web, Single Window)", "submission_channel"),
            .. Interval("arrival_to_release", "K04: arrival → physical release (imports)", "arrival_local", "released_local", "lodged_local"),
            .. Interval("lodgement_to_loading", "K05: lodgement → loading on board (exports)", "lodged_local", "loaded_local", "arrival_local", "released_local"),
            .. Interval("arrival_to_loading", "K06: arrival → loading on board (exports)", "arrival_local", "loaded_local", "lodged_local", "released_local"),
            DerivedNumber("lodgement_to_clearance_min", "K13: lodgement → clearance", "lodged_local", "cleared_local"),
            DerivedNumber("lodgement_to_release_min", "lodgement → physical release: the segment of K04 measurable without an arrival time", "lodged_local", "released_local"),
        ],
        // fact_declaration as every engine's script 002 created it, then the columns later scripts appended.
        ColumnOrder =
        [
            "declaration_id", "declaration_type", "direction", "office_code", "business_date", "date_key", "mode_of_transport", "control_channel",
            "trader_id", "is_aeo", "is_pre_arrival", "is_ecommerce", "is_low_risk", "submission_channel", "is_electronic", "is_immediate_release",
            "arrival_utc", "lodged_utc", "oga_permit_utc", "inspection_start_utc", "inspection_end_utc", "cleared_utc", "released_utc", "loaded_utc",
            "arrival_to_release_min", "arrival_to_release_business_min", "arrival_to_release_oga_min", "arrival_to_release_customs_min",
            "lodgement_to_loading_min", "lodgement_to_loading_business_min", "lodgement_to_loading_oga_min", "lodgement_to_loading_customs_min",
            "arrival_to_loading_min", "arrival_to_loading_business_min", "arrival_to_loading_oga_min", "arrival_to_loading_customs_min",
            "lodgement_to_clearance_min", "source_name", "source_row", "run_id", "risk_level", "lodgement_to_release_min",
        ],
    };

    /// <summary>Declaration-level amounts (K03 trade value, K19 customs duty by year).</summary>
    public static RecordSchema DeclarationAmount { get; } = new()
    {
        Name = "declaration_amount",
        Table = "fact_declaration_amount",
        Description = "Amounts per goods declaration: statistical value and the customs duty assessed (no VAT, no excise).",
        Key = ["declaration_id"],
        DateField = "business_date",
        OfficeField = "office_code",
        Fields =
        [
            Text("declaration_id", true), Date("business_date", true, "lodgement date, office-local"), Text("office_code", true),
            Code("direction", ["IMPORT", "EXPORT", "TRANSIT"], true),
            Bool("aeo_involved", true, "declarant, representative or trader held a valid AEO authorisation (not MRA-only) at lodgement"),
            Number("statistical_value", false, "in currency"), Number("customs_duty", false, "customs duty assessed, in currency; VAT and excise excluded"),
            Text("currency", true, "ISO 4217"),
            DerivedNumber("statistical_value_usd", "statistical_value at the cycle's exchange rate", "statistical_value", "currency"),
            DerivedNumber("customs_duty_usd", "customs_duty at the cycle's exchange rate", "customs_duty", "currency"),
        ],
    };

    public static RecordSchema AeoAuthorisation { get; } = new()
    {
        Name = "aeo_authorisation",
        Table = "dim_aeo_authorisation",
        Description = "The AEO register with type-2 history: one row per authorisation and validity interval.",
        Key = ["authorisation_id", "valid_from"],
        Fields =
        [
            Text("authorisation_id", true), Text("operator_id", true),
            Code("aeo_operator_type", ["EXPORTER", "IMPORTER", "WAREHOUSE_OPERATOR", "CUSTOMS_BROKER", "LOGISTICS_OPERATOR", "CARRIER", "PORT_OPERATOR", "MANUFACTURER"], true),
            Date("valid_from", true), Date("valid_to", false, "last day valid; empty while valid"),
            Bool("recognised_via_mra", true, "recognised through a mutual recognition arrangement only (excluded from K02)"),
            Text("issuing_country"), Bool("ecommerce_operator", false, "an e-commerce intermediary (FoS Standard 6)"),
        ],
    };

    public static RecordSchema Inspection { get; } = new()
    {
        Name = "inspection",
        Table = "fact_inspection",
        Description = "Inspections of goods and passengers, with how each was selected.",
        Key = ["inspection_id"],
        DateField = "inspection_date",
        OfficeField = "office_code",
        Fields =
        [
            Text("inspection_id", true), Date("inspection_date", true), Text("office_code", true),
            Code("object_type", ["GOODS", "PASSENGER"], true), Code("direction", ["IMPORT", "EXPORT", "TRANSIT"]), Code("mode_of_transport", Modes),
            Code("inspection_type", ["PHYSICAL", "NII", "DOCUMENTARY"], true), Code("performed_by", ["CUSTOMS", "JOINT", "OGA"], true),
            Code("selection_source", ["RISK_PROFILE", "RANDOM", "OFFICER", "TIP", "OTHER_LEA"], true),
            Text("declaration_id"), Text("shipment_id"), Time("started_at"), Time("ended_at"), Bool("irregularity_found"),
        ],
    };

    public static RecordSchema Seizure { get; } = new()
    {
        Name = "seizure",
        Table = "fact_seizure",
        Description = "Seizure cases: one row per case (one control that finds six packages is one seizure).",
        Key = ["seizure_id"],
        DateField = "seizure_date",
        OfficeField = "office_code",
        Fields =
        [
            Text("seizure_id", true), Date("seizure_date", true), Text("office_code", true), Text("inspection_id"),
            Code("object_type", ["GOODS", "PASSENGER"], true), Code("mode_of_transport", Modes),
            Bool("via_passenger_control", true), Code("performed_by", ["CUSTOMS", "JOINT", "OGA"], true),
            Code("detection_method", ["RISK_PROFILE", "NII", "DATA_ANALYTICS", "RANDOM", "TIP", "OTHER"]),
            Bool("ecommerce"), Text("shipment_id"),
        ],
    };

    /// <summary>The items of a seizure; which PMM category an item counts in is decided by the pipeline's category rules, by commodity.</summary>
    public static RecordSchema SeizureItem { get; } = new()
    {
        Name = "seizure_item",
        Table = "fact_seizure_item",
        Description = "Items of seizure cases, each with the national commodity code the category rules map to PMM categories.",
        Key = ["seizure_id", "line_no"],
        DateField = "seizure_date",
        Fields =
        [
            Text("seizure_id", true), Integer("line_no", true), Date("seizure_date", true, "the case's date (the window key)"),
            Text("commodity", true, "national commodity code, mapped by the category rules"), Text("description"),
            Number("quantity"), Text("unit"), Number("estimated_value"),
            Bool("mandated_control", false, "Customs is mandated to control this kind of item (firearms borderline items)"),
        ],
    };

    public static RecordSchema Shipment { get; } = new()
    {
        Name = "shipment",
        Table = "fact_shipment",
        Description = "Consignments (house bills, postal items) with the e-commerce identification and the FoS facts.",
        Key = ["shipment_id"],
        DateField = "shipment_date",
        OfficeField = "office_code",
        Fields =
        [
            Text("shipment_id", true), Date("shipment_date", true, "arrival (import) or departure (export) date, office-local"),
            Text("office_code", true), Text("declaration_id"), Code("direction", ["IMPORT", "EXPORT"], true), Code("mode_of_transport", Modes),
            Bool("ecommerce", true), Code("ecommerce_type", ["B2C", "C2C", "B2B"]),
            Bool("electronic_data", true, "item data sent to Customs electronically"),
            Time("advance_data_at", false, "advance electronic data received"), Time("arrival_at", false, "arrival (import) or departure (export)"),
            Time("lodged_at"), Time("cleared_at"), Time("released_at"),
            Code("risk_level", ["LOW", "MEDIUM", "HIGH"]), Bool("physical_exam"), Bool("nii"), Bool("immediate_release"),
            Bool("simplified_procedure"), Bool("single_window"),
            Code("revenue_model", ["VENDOR", "INTERMEDIARY", "BUYER", "NONE"]), Number("duty_tax"), Text("currency"), Bool("account_based_payment"),
            Number("declared_value"), Bool("below_de_minimis"), Bool("is_return"), Bool("return_account_based"),
            DerivedBool("advance_before_arrival", "advance data received before arrival/departure", "advance_data_at", "arrival_at"),
            DerivedNumber("clearance_minutes", "lodged_at → cleared_at, from UTC instants", "lodged_at", "cleared_at"),
            DerivedNumber("duty_tax_usd", "duty_tax at the cycle's exchange rate", "duty_tax", "currency"),
        ],
    };

    public static RecordSchema PassengerControl { get; } = new()
    {
        Name = "passenger_control",
        Table = "fact_passenger_control",
        Description = "Passengers processed at a representative airport (or other point), with the channel and whether they were physically inspected.",
        Key = ["record_id"],
        DateField = "control_date",
        OfficeField = "office_code",
        Fields =
        [
            Text("record_id", true), Date("control_date", true), Text("office_code", true), Code("flow", ["ARRIVAL", "DEPARTURE"], true),
            Code("mode_of_transport", Modes, true), Time("occurred_at"), Code("channel", ["GREEN", "RED", "OTHER"]), Bool("physically_inspected", true),
            Bool("api_received"),
        ],
    };

    public static RecordSchema BindingRuling { get; } = new()
    {
        Name = "binding_ruling",
        Table = "dim_binding_ruling",
        Description = "Binding (advance) rulings.",
        Key = ["ruling_id"],
        Fields =
        [
            Text("ruling_id", true), Code("ruling_type", ["CLASSIFICATION", "ORIGIN", "VALUATION"], true), Text("hs_code"),
            Date("issued_on", true), Date("valid_from", true), Date("valid_to", false, "last day valid"), Date("revoked_on"),
            DerivedDate("valid_until", "the earlier of valid_to and the day before revoked_on: the last day the ruling was valid"),
        ],
    };

    public static RecordSchema Violation { get; } = new()
    {
        Name = "violation",
        Table = "fact_violation",
        Description = "Violations (offences, infringements, misclassifications) found, with where they were detected.",
        Key = ["violation_id"],
        DateField = "detected_on",
        Fields =
        [
            Text("violation_id", true), Date("detected_on", true), Text("declaration_id"),
            Code("violation_type", ["CLASSIFICATION", "VALUATION", "ORIGIN", "OTHER"], true),
            Code("detection_source", ["PRE_RELEASE", "PCA", "OTHER_POST_CLEARANCE", "OTHER"], true),
            Text("hs_chapter"), Text("operator_id"), Text("office_code"),
        ],
    };

    public static RecordSchema Fine { get; } = new()
    {
        Name = "fine",
        Table = "fact_fine",
        Description = "Fines imposed; several fines may belong to one case.",
        Key = ["fine_id"],
        DateField = "imposed_on",
        Fields =
        [
            Text("fine_id", true), Text("case_id", true), Date("imposed_on", true), Text("violation_id"), Text("declaration_id"),
            Code("declaration_direction", ["IMPORT", "EXPORT", "TRANSIT", "PASSENGER", "OTHER"], true),
            Number("amount"), Text("currency"), Text("operator_id"),
        ],
    };

    public static RecordSchema InterestCharge { get; } = new()
    {
        Name = "interest_charge",
        Table = "fact_interest_charge",
        Description = "Interest assessed on late or short payment of duties.",
        Key = ["charge_id"],
        DateField = "assessed_on",
        Fields =
        [
            Text("charge_id", true), Date("assessed_on", true), Text("importer_id", true), Text("declaration_id"), Date("paid_on"),
            Number("amount"), Text("currency"), Code("reason", ["LATE", "SHORT"]),
        ],
    };

    public static RecordSchema PostClearanceCase { get; } = new()
    {
        Name = "pcc_case",
        Table = "fact_pcc_case",
        Description = "Post-clearance control cases (PCA and other), dated by closure.",
        Key = ["case_id"],
        DateField = "closed_on",
        Fields =
        [
            Text("case_id", true), Date("closed_on", true), Date("opened_on"), Code("control_type", ["PCA", "OTHER"], true),
            Text("operator_id"), Bool("operator_aeo", true), Code("regime", ["IMPORT", "EXPORT"], true), Bool("has_findings", true),
            Number("duty_adjusted", false, "customs duty assessed or adjusted; VAT and excise excluded"), Text("currency"),
            Bool("voluntary_adjustment", true, "a voluntary adjustment by the operator (excluded from K19)"),
            DerivedNumber("duty_adjusted_usd", "duty_adjusted at the cycle's exchange rate", "duty_adjusted", "currency"),
        ],
    };

    public static RecordSchema Staff { get; } = new()
    {
        Name = "staff",
        Table = "dim_staff",
        Description = "Every employee, uniformed and civilian, with employment dates.",
        Key = ["staff_id"],
        Fields =
        [
            Text("staff_id", true), Code("gender", ["FEMALE", "MALE", "OTHER"], true), Code("grade", Grades, true), Text("position_title"),
            Bool("uniformed"), Bool("frontline_inspection", true, "a frontline officer assigned to inspection duties (K41)"),
            Date("employment_start", true), Date("employment_end", false, "last day employed"),
        ],
    };

    public static RecordSchema CompetencyAssessment { get; } = new()
    {
        Name = "competency_assessment",
        Table = "fact_competency_assessment",
        Description = "Required and acquired proficiency per staff member and competency.",
        Key = ["staff_id", "competency_id", "assessed_on"],
        DateField = "assessed_on",
        Fields =
        [
            Text("staff_id", true), Text("competency_id", true), Date("assessed_on", true), Integer("required_level", true), Integer("acquired_level", true),
            Integer("scale_levels"), DerivedBool("has_gap", "acquired_level < required_level", "required_level", "acquired_level"),
        ],
    };

    public static RecordSchema Training { get; } = new()
    {
        Name = "training",
        Table = "fact_training",
        Description = "Participations in training courses.",
        Key = ["participation_id"],
        DateField = "start_on",
        Fields =
        [
            Text("participation_id", true), Text("staff_id", true), Text("course_id", true), Date("start_on", true), Date("end_on"),
            Number("hours"), Code("modality", ["VIRTUAL", "PHYSICAL"]), Code("provider", ["CUSTOMS_INSTITUTION", "GOVERNMENT", "INTERNATIONAL"]),
            Bool("in_approved_plan", true), Bool("compulsory"),
            DerivedBool("counts_as_course", "in the approved plan, and (when hours are given) at least 3 h virtual or 6 h physical", "in_approved_plan"),
        ],
    };

    public static RecordSchema DisciplinaryCase { get; } = new()
    {
        Name = "disciplinary_case",
        Table = "fact_disciplinary_case",
        Description = "Disciplinary measures for breaches of the code of conduct or anti-corruption rules.",
        Key = ["case_id"],
        DateField = "measure_date",
        Fields =
        [
            Text("case_id", true), Text("staff_id", true), Date("measure_date", true), Code("grade", Grades, true, "grade at the time"),
            Code("violation_type", ViolationTypes, true), Code("detection_source", ["INTERNAL", "EXTERNAL"], true), Text("measure"),
        ],
    };

    public static RecordSchema IntegrityReport { get; } = new()
    {
        Name = "integrity_report",
        Table = "fact_integrity_report",
        Description = "Reports received through integrity reporting mechanisms, and whether action followed.",
        Key = ["report_id"],
        DateField = "received_on",
        Fields =
        [
            Text("report_id", true), Date("received_on", true),
            Code("mechanism", ["HOTLINE", "MEDIA", "SUPERVISOR", "INTERNAL_INVESTIGATION", "INTELLIGENCE", "OTHER"], true),
            Code("reported_grade", Grades), Code("violation_type", ViolationTypes), Code("detection_source", ["INTERNAL", "EXTERNAL"]),
            Bool("action_initiated", true, "an investigation or internal control measure was initiated"), Date("action_on"),
        ],
    };

    public static RecordSchema Service { get; } = new()
    {
        Name = "service",
        Table = "dim_service",
        Description = "The inventory of Customs services.",
        Key = ["service_id"],
        Fields =
        [
            Text("service_id", true), Text("name", true), Bool("external", true), Bool("published_commitment", true), Text("publication_url"),
            Number("standard_days"),
        ],
    };

    public static RecordSchema ServiceRequest { get; } = new()
    {
        Name = "service_request",
        Table = "fact_service_request",
        Description = "Instances of external services (rulings, authorisations …) with their service standard.",
        Key = ["request_id"],
        DateField = "received_on",
        Fields =
        [
            Text("request_id", true), Text("service_id", true), Date("received_on", true), Date("completed_on"), Number("standard_days", true),
            DerivedBool("within_standard", "completed no later than standard_days after receipt", "received_on", "completed_on", "standard_days"),
        ],
    };

    public static RecordSchema InformationRequest { get; } = new()
    {
        Name = "information_request",
        Table = "fact_information_request",
        Description = "Queries received by call centres, service desks and information centres.",
        Key = ["query_id"],
        DateField = "received_on",
        Fields =
        [
            Text("query_id", true), Date("received_on", true), Code("channel", ["PHONE", "EMAIL", "WEB", "COUNTER", "SOCIAL_MEDIA", "OTHER"], true), Text("topic"),
        ],
    };

    /// <summary>Every record type but the declaration, in load order.</summary>
    public static IReadOnlyList<RecordSchema> Registers { get; } =
    [
        DeclarationAmount, AeoAuthorisation, Inspection, Seizure, SeizureItem, Shipment, PassengerControl, BindingRuling, Violation, Fine,
        InterestCharge, PostClearanceCase, Staff, CompetencyAssessment, Training, DisciplinaryCase, IntegrityReport, Service, ServiceRequest,
        InformationRequest,
    ];

    /// <summary>Every record type, in load order: the declaration first, then the registers.</summary>
    public static IReadOnlyList<RecordSchema> All { get; } = [Declaration, .. Registers];

    public static RecordSchema Get(string name) =>
        Find(name) ?? throw new ArgumentException($"no record type named '{name}' (known: {string.Join(", ", All.Select(r => r.Name))})", nameof(name));

    public static RecordSchema? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>A record type's records in words, for notes: "declarations", "passenger controls".</summary>
    public static string Plural(string name) => name.Replace('_', ' ') + "s";
}
