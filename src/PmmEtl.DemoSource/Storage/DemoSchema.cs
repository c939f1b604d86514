namespace PmmEtl.DemoSource.Storage;

/// <summary>
/// The demo source's tables. The pipeline's extraction queries are written against exactly these names;
/// times are office-local wall-clock text without offset, as national systems keep them.
/// </summary>
internal static class DemoSchema
{
    public const string Tables = """
        CREATE TABLE office (office_code TEXT PRIMARY KEY, name TEXT NOT NULL, office_type TEXT NOT NULL);
        CREATE TABLE trader (trader_id TEXT PRIMARY KEY, name TEXT NOT NULL, aeo_status TEXT NULL, aeo_valid_from TEXT NULL);
        CREATE TABLE declaration (
          row_id INTEGER PRIMARY KEY,
          declaration_id TEXT NOT NULL,
          declaration_type TEXT NOT NULL,
          cargo_direction TEXT NULL,
          office_code TEXT NOT NULL,
          registration_date TEXT NOT NULL,
          transport_mode INTEGER NOT NULL,
          control_channel TEXT NOT NULL,
          trader_id TEXT NOT NULL,
          pre_arrival INTEGER NOT NULL,
          ecommerce INTEGER NOT NULL,
          risk_level TEXT NOT NULL,
          submission_channel TEXT NOT NULL,
          immediate_release INTEGER NOT NULL);
        CREATE TABLE declaration_event (declaration_row_id INTEGER NOT NULL, event_code TEXT NOT NULL, event_local_time TEXT, actor TEXT NOT NULL);
        """;

    /// <summary>
    /// The other registers of the national system, one table each, in its own vocabulary: short national codes
    /// ('Y'/'N' flags, UN Rec. 19 transport modes as integers, pay grades, conduct-code element numbers), ISO dates,
    /// and office-local wall-clock times without offset. The pipeline's queries map them to the canonical fields.
    /// </summary>
    public const string RegisterTables = """
        CREATE TABLE decl_valuation (
          decl_no TEXT NOT NULL, reg_date TEXT NOT NULL, office_code TEXT NOT NULL,
          regime TEXT NOT NULL,                 -- IM import, EX export
          trader_id TEXT NOT NULL, stat_value REAL, duty_assessed REAL, currency TEXT NOT NULL);
        CREATE TABLE aeo_certificate (
          cert_no TEXT NOT NULL, version_no INTEGER NOT NULL, trader_id TEXT NOT NULL,
          role_code TEXT NOT NULL,              -- EXP IMP WHS BRK LSP CAR TRM MFR
          status TEXT NOT NULL,                 -- A active, S suspended, R revoked, W withdrawn on request
          valid_from TEXT NOT NULL, valid_to TEXT,
          recognition TEXT NOT NULL,            -- NAT national programme, MRA foreign AEO recognised under an MRA
          issuing_country TEXT NOT NULL, ecom_intermediary INTEGER NOT NULL);
        CREATE TABLE control (
          control_no TEXT NOT NULL, control_date TEXT NOT NULL, office_code TEXT NOT NULL,
          object_kind TEXT NOT NULL,            -- G goods, P passenger
          flow TEXT,                            -- I inward, E outward, T transit
          transport_mode INTEGER,
          control_type TEXT NOT NULL,           -- PHY physical, NII scanning, DOC documentary
          agency TEXT NOT NULL,                 -- C customs, J joint with another agency, O other agency alone
          selection TEXT NOT NULL,              -- PRF risk profile, RND random, OFF officer, TIP tip-off, LEA other law enforcement
          decl_no TEXT, hawb_no TEXT, start_local TEXT, end_local TEXT,
          outcome TEXT);                        -- IRR irregularity found, NIL nothing found
        CREATE TABLE seizure_case (
          case_no TEXT NOT NULL, seizure_date TEXT NOT NULL, office_code TEXT NOT NULL, control_no TEXT,
          object_kind TEXT NOT NULL, transport_mode INTEGER, pax_control INTEGER NOT NULL, agency TEXT NOT NULL,
          detection TEXT,                       -- PRF risk profile, NII scanning, DAT data analytics, RND random, TIP tip-off, OTH other
          ecom INTEGER, hawb_no TEXT);
        CREATE TABLE seizure_line (
          case_no TEXT NOT NULL, line_no INTEGER NOT NULL, commodity_code TEXT NOT NULL, description TEXT,
          qty REAL, unit TEXT, value_usd REAL,
          mandate INTEGER);                        -- 1 customs is mandated to control this item (borderline weapons)
        CREATE TABLE house_bill (
          hawb_no TEXT NOT NULL, decl_no TEXT, office_code TEXT NOT NULL,
          flow TEXT NOT NULL,                   -- I inward, E outward
          transport_mode INTEGER, manifest_date TEXT NOT NULL,
          ecom INTEGER NOT NULL, ecom_type TEXT, edi INTEGER NOT NULL,
          adv_data_local TEXT, arrival_local TEXT, lodged_local TEXT, cleared_local TEXT, released_local TEXT,
          risk TEXT,                            -- L M H
          exam TEXT,                            -- PHY, NII, BOTH, or none
          immediate INTEGER NOT NULL, simplified INTEGER NOT NULL, single_window INTEGER NOT NULL,
          rev_model TEXT,                       -- V vendor, I intermediary, B buyer, N none
          duty_tax REAL, currency TEXT, acct_paid INTEGER, declared_value REAL, de_minimis INTEGER,
          is_return INTEGER NOT NULL, return_acct INTEGER);
        CREATE TABLE pax_clearance (
          clearance_no TEXT NOT NULL, office_code TEXT NOT NULL, clearance_date TEXT NOT NULL,
          flow TEXT NOT NULL,                   -- ARR, DEP
          transport_mode INTEGER NOT NULL, occurred_local TEXT,
          channel TEXT,                         -- G nothing to declare, R goods to declare, X other lane
          inspected INTEGER NOT NULL, api INTEGER);
        CREATE TABLE advance_ruling (
          ruling_no TEXT NOT NULL,
          ruling_kind TEXT NOT NULL,            -- TAR tariff classification, ORI origin, VAL valuation
          hs_code TEXT, issued_on TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT, revoked_on TEXT);
        CREATE TABLE offence (
          offence_no TEXT NOT NULL, detected_on TEXT NOT NULL, decl_no TEXT,
          offence_kind TEXT NOT NULL,           -- CLS classification, VAL valuation, ORI origin, OTH other
          found_by TEXT NOT NULL,               -- PRE pre-release control, PCA post-clearance audit, PCC other post-clearance control, OTH other
          hs_chapter TEXT, trader_id TEXT, office_code TEXT);
        CREATE TABLE penalty (
          penalty_no TEXT NOT NULL, case_no TEXT NOT NULL, imposed_on TEXT NOT NULL, offence_no TEXT, decl_no TEXT,
          flow TEXT NOT NULL,                   -- IM EX TR declarations, PX passengers, OT other
          amount REAL, currency TEXT, trader_id TEXT);
        CREATE TABLE interest_assessment (
          charge_no TEXT NOT NULL, assessed_on TEXT NOT NULL, importer_id TEXT NOT NULL, decl_no TEXT, paid_on TEXT,
          amount REAL, currency TEXT,
          reason TEXT);                         -- LP late payment, SP short payment
        CREATE TABLE audit_case (
          case_no TEXT NOT NULL, opened_on TEXT, closed_on TEXT NOT NULL,
          audit_kind TEXT NOT NULL,             -- PCA post-clearance audit, PCC other post-clearance control
          trader_id TEXT, aeo_at_opening INTEGER NOT NULL, regime TEXT NOT NULL, findings INTEGER NOT NULL,
          duty_adjusted REAL, currency TEXT, voluntary INTEGER NOT NULL);
        CREATE TABLE employee (
          emp_no TEXT NOT NULL,
          sex TEXT NOT NULL,                    -- F, M, X
          pay_grade TEXT NOT NULL,              -- SES, GS15 … GS05
          title TEXT, uniformed INTEGER, frontline INTEGER NOT NULL, hired_on TEXT NOT NULL, separated_on TEXT);
        CREATE TABLE competency_rating (
          emp_no TEXT NOT NULL, competency_code TEXT NOT NULL, rated_on TEXT NOT NULL,
          level_required INTEGER NOT NULL, level_acquired INTEGER NOT NULL, scale_levels INTEGER);
        CREATE TABLE training_record (
          record_no TEXT NOT NULL, emp_no TEXT NOT NULL, course_code TEXT NOT NULL, start_on TEXT NOT NULL, end_on TEXT,
          hours REAL,
          delivery TEXT,                        -- V virtual, P in person
          provider TEXT,                        -- ACAD customs academy, GOV other government, INTL international partner
          in_plan INTEGER NOT NULL, mandatory INTEGER);
        CREATE TABLE discipline_case (
          case_no TEXT NOT NULL, emp_no TEXT NOT NULL, measure_on TEXT NOT NULL, pay_grade TEXT NOT NULL,
          conduct_element INTEGER NOT NULL,     -- 1–11, the elements of the WCO Model Code of Ethics and Conduct
          found TEXT NOT NULL,                  -- INT internal, EXT external
          measure TEXT);
        CREATE TABLE integrity_report (
          report_no TEXT NOT NULL, received_on TEXT NOT NULL,
          channel TEXT NOT NULL,                -- HL hotline, MD media, SV supervisor, II internal investigation, IR intelligence, OT other
          subject_grade TEXT, conduct_element INTEGER, origin TEXT, action_taken INTEGER NOT NULL, action_on TEXT);
        CREATE TABLE service_catalogue (
          service_code TEXT NOT NULL, title TEXT NOT NULL,
          audience TEXT NOT NULL,               -- EXT the public and trade, INT Customs staff
          charter INTEGER NOT NULL, charter_url TEXT, standard_days REAL);
        CREATE TABLE service_ticket (
          ticket_no TEXT NOT NULL, service_code TEXT NOT NULL, received_on TEXT NOT NULL, completed_on TEXT, standard_days REAL NOT NULL);
        CREATE TABLE enquiry (
          enquiry_no TEXT NOT NULL, received_on TEXT NOT NULL,
          channel TEXT NOT NULL,                -- TEL EML WEB CTR SOC OTH
          topic TEXT);
        """;

    /// <summary>Each register's national table and the column a defective copy gets a fresh value in (part of the record's key).</summary>
    public static IReadOnlyList<(string Register, string Table, string KeyColumn)> RegisterTableNames { get; } =
    [
        ("declaration_amount", "decl_valuation", "decl_no"),
        ("aeo_authorisation", "aeo_certificate", "cert_no"),
        ("inspection", "control", "control_no"),
        ("seizure", "seizure_case", "case_no"),
        ("seizure_item", "seizure_line", "line_no"),
        ("shipment", "house_bill", "hawb_no"),
        ("passenger_control", "pax_clearance", "clearance_no"),
        ("binding_ruling", "advance_ruling", "ruling_no"),
        ("violation", "offence", "offence_no"),
        ("fine", "penalty", "penalty_no"),
        ("interest_charge", "interest_assessment", "charge_no"),
        ("pcc_case", "audit_case", "case_no"),
        ("staff", "employee", "emp_no"),
        ("competency_assessment", "competency_rating", "competency_code"),
        ("training", "training_record", "record_no"),
        ("disciplinary_case", "discipline_case", "case_no"),
        ("integrity_report", "integrity_report", "report_no"),
        ("service", "service_catalogue", "service_code"),
        ("service_request", "service_ticket", "ticket_no"),
        ("information_request", "enquiry", "enquiry_no"),
    ];

    /// <summary>Built after the rows are in: one sort per index instead of a b-tree update per insert.</summary>
    public const string Indexes = """
        CREATE INDEX ix_decl_date ON declaration(registration_date);
        CREATE INDEX ix_event_decl ON declaration_event(declaration_row_id);
        """;

    /// <summary>The windowed reads of the large registers, and the two lookups the queries join on.</summary>
    public const string RegisterIndexes = """
        CREATE INDEX ix_valuation_date ON decl_valuation(reg_date);
        CREATE INDEX ix_aeo_trader ON aeo_certificate(trader_id);
        CREATE INDEX ix_control_date ON control(control_date);
        CREATE INDEX ix_seizure_date ON seizure_case(seizure_date);
        CREATE INDEX ix_seizure_line_case ON seizure_line(case_no);
        CREATE INDEX ix_house_bill_date ON house_bill(manifest_date);
        CREATE INDEX ix_pax_date ON pax_clearance(clearance_date);
        """;
}
