namespace PmmEtl.Core.Registers;

/// <summary>
/// Every record type beyond the goods declaration, as the catalogue's section 5 proposes, with the canonical
/// fields the KPIs need. Field names are the contract with sources (query aliases, CSV headers) and with the
/// warehouse (column names). See docs/registers.md for what each field means and which KPI reads it.
/// </summary>
public static class Registers
{
    public static readonly IReadOnlyList<string> Modes = ["AIR", "SEA", "LAND", "RAIL", "POSTAL", "MULTIMODAL", "FIXED_INSTALLATION", "INLAND_WATERWAY", "UNKNOWN"];
    public static readonly IReadOnlyList<string> Grades = ["SENIOR", "MIDDLE", "OFFICER"];

    /// <summary>The 11 elements of the WCO Model Code of Ethics and Conduct (K47, K48).</summary>
    public static readonly IReadOnlyList<string> ViolationTypes =
    [
        "PERSONAL_RESPONSIBILITY", "COMPLIANCE_WITH_LAW", "RELATIONS_WITH_PUBLIC", "GIFTS_AND_HOSPITALITY", "CONFLICTS_OF_INTEREST",
        "POLITICAL_ACTIVITIES", "MONEY_MATTERS", "CONFIDENTIALITY", "OFFICIAL_PROPERTY", "PRIVATE_PURCHASE", "WORK_ENVIRONMENT",
    ];

    private static RegisterField Text(string name, bool required = false, string description = "") => new(name, FieldType.Text, required, null, description);
    private static RegisterField Code(string name, IReadOnlyList<string> codes, bool required = false, string description = "") => new(name, FieldType.Code, required, codes, description);
    private static RegisterField Bool(string name, bool required = false, string description = "") => new(name, FieldType.Bool, required, null, description);
    private static RegisterField Date(string name, bool required = false, string description = "") => new(name, FieldType.Date, required, null, description);
    private static RegisterField Time(string name, bool required = false, string description = "") => new(name, FieldType.LocalTime, required, null, description);
    private static RegisterField Number(string name, bool required = false, string description = "") => new(name, FieldType.Number, required, null, description);
    private static RegisterField Integer(string name, bool required = false, string description = "") => new(name, FieldType.Integer, required, null, description);
    private static RegisterField DerivedBool(string name, string description) => new(name, FieldType.Bool, false, null, description) { Derived = true };
    private static RegisterField DerivedNumber(string name, string description) => new(name, FieldType.Number, false, null, description) { Derived = true };
    private static RegisterField DerivedDate(string name, string description) => new(name, FieldType.Date, false, null, description) { Derived = true };

    /// <summary>
    /// The goods declaration fact, loaded by the declaration pipeline (not by the register loader): listed so that
    /// KPI variables can count it (import declarations as the denominator of K15, K18 …). Field names are
    /// fact_declaration's columns.
    /// </summary>
    public static RegisterSchema Declaration { get; } = new()
    {
        Name = "declaration",
        Table = "fact_declaration",
        Description = "Goods declarations (loaded by the declaration stage; read-only here).",
        Key = ["declaration_id"],
        DateField = "business_date",
        OfficeField = "office_code",
        Fields =
        [
            Text("declaration_id", true), Code("declaration_type", ["IMPORT", "EXPORT", "TRANSIT", "CARGO"], true),
            Code("direction", ["IMPORT", "EXPORT", "TRANSIT"], true), Text("office_code", true), Date("business_date", true),
            Code("mode_of_transport", Modes, true), Text("trader_id"), Bool("is_aeo", true), Bool("is_ecommerce", true),
            Bool("is_electronic", true),
        ],
    };

    /// <summary>Declaration-level amounts (K03 trade value, K19 customs duty by year).</summary>
    public static RegisterSchema DeclarationAmount { get; } = new()
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
            DerivedNumber("statistical_value_usd", "statistical_value at the cycle's exchange rate"),
            DerivedNumber("customs_duty_usd", "customs_duty at the cycle's exchange rate"),
        ],
    };

    public static RegisterSchema AeoAuthorisation { get; } = new()
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

    public static RegisterSchema Inspection { get; } = new()
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

    public static RegisterSchema Seizure { get; } = new()
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
    public static RegisterSchema SeizureItem { get; } = new()
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

    public static RegisterSchema Shipment { get; } = new()
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
            DerivedBool("advance_before_arrival", "advance data received before arrival/departure"),
            DerivedNumber("clearance_minutes", "lodged_at → cleared_at, from UTC instants"),
            DerivedNumber("duty_tax_usd", "duty_tax at the cycle's exchange rate"),
        ],
    };

    public static RegisterSchema PassengerControl { get; } = new()
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

    public static RegisterSchema BindingRuling { get; } = new()
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

    public static RegisterSchema Violation { get; } = new()
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

    public static RegisterSchema Fine { get; } = new()
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

    public static RegisterSchema InterestCharge { get; } = new()
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

    public static RegisterSchema PostClearanceCase { get; } = new()
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
            DerivedNumber("duty_adjusted_usd", "duty_adjusted at the cycle's exchange rate"),
        ],
    };

    public static RegisterSchema Staff { get; } = new()
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

    public static RegisterSchema CompetencyAssessment { get; } = new()
    {
        Name = "competency_assessment",
        Table = "fact_competency_assessment",
        Description = "Required and acquired proficiency per staff member and competency.",
        Key = ["staff_id", "competency_id", "assessed_on"],
        DateField = "assessed_on",
        Fields =
        [
            Text("staff_id", true), Text("competency_id", true), Date("assessed_on", true), Integer("required_level", true), Integer("acquired_level", true),
            Integer("scale_levels"), DerivedBool("has_gap", "acquired_level < required_level"),
        ],
    };

    public static RegisterSchema Training { get; } = new()
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
            DerivedBool("counts_as_course", "in the approved plan, and (when hours are given) at least 3 h virtual or 6 h physical"),
        ],
    };

    public static RegisterSchema DisciplinaryCase { get; } = new()
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

    public static RegisterSchema IntegrityReport { get; } = new()
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

    public static RegisterSchema Service { get; } = new()
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

    public static RegisterSchema ServiceRequest { get; } = new()
    {
        Name = "service_request",
        Table = "fact_service_request",
        Description = "Instances of external services (rulings, authorisations …) with their service standard.",
        Key = ["request_id"],
        DateField = "received_on",
        Fields =
        [
            Text("request_id", true), Text("service_id", true), Date("received_on", true), Date("completed_on"), Number("standard_days", true),
            DerivedBool("within_standard", "completed no later than standard_days after receipt"),
        ],
    };

    public static RegisterSchema InformationRequest { get; } = new()
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

    /// <summary>The registers the register stage loads, in load order (every register except the declaration fact).</summary>
    public static IReadOnlyList<RegisterSchema> Loaded { get; } =
    [
        DeclarationAmount, AeoAuthorisation, Inspection, Seizure, SeizureItem, Shipment, PassengerControl, BindingRuling, Violation, Fine,
        InterestCharge, PostClearanceCase, Staff, CompetencyAssessment, Training, DisciplinaryCase, IntegrityReport, Service, ServiceRequest,
        InformationRequest,
    ];

    /// <summary>Every register a KPI variable may read.</summary>
    public static IReadOnlyList<RegisterSchema> All { get; } = [Declaration, .. Loaded];

    public static RegisterSchema Get(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"no register named '{name}'", nameof(name));

    public static RegisterSchema? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
