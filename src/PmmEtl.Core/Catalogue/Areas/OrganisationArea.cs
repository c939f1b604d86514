using static PmmEtl.Core.Catalogue.KpiCatalogue;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

/// <summary>Area IV, Organizational Development (K40 … K49).</summary>
internal static class OrganisationArea
{
    public static CatalogueArea Build() => new(AreaIV, "OrganisationArea.cs",
    [
        StrategicPlanningMaturity,
        CompetencyGap,
        CompetencyDevelopmentMaturity,
        TrainingAccessRate,
        GenderBalanceRatio,
        InformationRequestVariation,
        PerformanceReportAvailability,
        DisciplinaryComplianceRate,
        CorruptionReportingEffectiveness,
        AnticorruptionPreventiveMaturity,
    ])
    {
        Preface = "Head counts come from the `staff` register (uniformed and civilian); its gender, grade and frontline flag are current values (no history), so a past year's breakdown uses today's grade.",
    };

    private static KpiDefinition StrategicPlanningMaturity => Checklist(
        "K40",
        "strategic_planning_maturity",
        "Maturity of the strategic planning process",
        "More accurate budget-based strategic planning",
        "((A+B+C+D+E+F+G+H)/8) *100",
        "Share of the eight key strategic-planning steps (A–H) the administration carries out, each answered yes (1) or no (0).",
        EveryTwoYears,
        Disclosure.Public,
        [
            new("A", "Step 1 – Environmental scan: does your Customs administration conduct an environmental scan as part of your strategic planning (identifying and monitoring the factors that may impact its long-term direction, starting from the government's priorities and potential new regulations)?"),
            new("B", "Step 2 – Internal analysis: does your Customs administration complete an internal analysis, including a strengths, weaknesses, opportunities and threats (SWOT) assessment, using the annual review to evaluate performance across the agency with staff and senior leadership against the government's priorities identified in step 1?"),
            new("C", "Step 3 – Strategic direction: does your Customs administration use what it learned from its environmental scan and internal analysis, with input from staff and stakeholders, to create a strategic direction that aligns the government's priorities with its operations?"),
            new("D", "Step 4 – Develop goals and objectives: after determining its strategic direction and vision, does your Customs administration engage with internal stakeholders and senior leadership (focus groups, subject matter experts) to create a focused set of goals and objectives, with strategies, indicators and desired outcomes for each goal, and get buy-in through existing processes?"),
            new("E", "Step 5 – Define metrics and set timelines to track progress of strategic plan initiatives: does your Customs administration determine the responsible offices and bureaus for each goal, create actionable timeframes and define the metrics that best measure success?"),
            new("F", "Step 6 – Write and publish a strategic plan: does your Customs administration write an informed strategic plan that captures its voice and purpose, with the wide support of staff and stakeholders so that the plan does not end up as a stand-alone document?"),
            new("G", "Step 7 – Plan for implementation and the future: does your Customs administration require action/activity/implementation plans and corresponding resources, if any, to align to the strategic plan?"),
            new("H", "Step 8 – Periodical review: does your Customs administration have a monitoring and evaluation mechanism in place (budget execution review, progress tracking, performance reporting, reviewing the relevance of strategic initiatives, monitoring of corrective action plans)?"),
        ],
        "Checklist A–H = steps 1–8 with the seed's questions. Step H (periodical review) has no printed \"Yes-1 No-0\" but the formula scores it: an item like the others. Public, every two years.");

    private static KpiDefinition CompetencyGap => new()
    {
        Code = "K41",
        Id = "competency_gap",
        Name = "Competency development",
        Area = AreaIV,
        Outcome = CompetentStaff,
        Input = InputKind.Transactional,
        Formula = FormulaKind.MeanShare,
        PrintedFormula = "Σ (X/Y)_i / N",
        Definition = "Σ over the frontline officers assigned to inspection duties of X/Y, divided by N = all those officers employed during the financial year (staff register). X = distinct competencies assessed in the year whose latest assessment shows a gap (acquired proficiency below required), Y = distinct competencies assessed in the year; an officer without an assessment adds 0 to the sum but counts in N. Lower is better; read it with variant 'assessed_share'.",
        Unit = "%",
        MinimumPeriodicity = "annually (financial year)",
        Disclosure = Disclosure.National,
        Periods = [PeriodType.FinancialYear],
        Variables =
        [
            new("A",
                "mean over the frontline inspection officers employed during the financial year of (distinct competencies with a gap at their latest assessment in the year / distinct competencies assessed in the year); 0 for an officer not assessed",
                "staff",
                RecordAggregate.MeanLinkedShare("competency_assessment", "staff_id", "competency_id", "has_gap", "assessed_on"),
                EmployedDuring,
                True("frontline_inspection")),
        ],
        Variants =
        [
            new("assessed_share", "The share of the frontline inspection officers employed during the financial year (N of the KPI) with at least one competency assessment in it: the coverage the KPI rests on.")
            {
                Formula = FormulaKind.Ratio,
                Variables =
                [
                    new("A", "frontline inspection officers employed during the financial year with a competency assessment in it", "staff",
                        RecordAggregate.Distinct("staff_id"), EmployedDuring,
                        Both(True("frontline_inspection"), Related("competency_assessment", "staff_id", null, RecordTiming.On("assessed_on")))),
                    FrontlineOfficers("B"),
                ],
            },
        ],
        Decision = "Σ (X/Y)_i / N as printed, with N = the frontline officers assigned to inspection duties (the seed's \"N = number of frontline officers assigned to inspection duties\"): staff with `staff.frontline_inspection` (a current value) employed at some time in the financial year (`periods.financial_year_start`), assessed or not. X/Y is undefined for an officer without an assessment in the year; such an officer adds nothing to Σ X/Y and still counts in N. The share of those officers assessed in the year is published beside the KPI as variant `assessed_share` (A = officers of N with an assessment dated in the year, B = N), so that a low value from low coverage can be told apart. Competencies are counted distinct per officer (X and Y count competencies, not assessment records): X = competencies with a gap, Y = competencies assessed (`competency_id`), and where one competency is assessed more than once in the year its latest assessment says whether a gap remains (the year's development counts). `has_gap` = acquired < required level. One aggregate (`MeanLinkedShare` over `staff`, linked to `competency_assessment`). No value when no frontline officer was assessed in the year. \"Country/Union\" disclosure → national.",
    };

    private static KpiDefinition CompetencyDevelopmentMaturity => Checklist(
        "K42",
        "competency_development_maturity",
        "Maturity of competency development",
        CompetentStaff,
        "((A+B+C+D+E+F+G+H)/8) *100",
        "Share of the eight elements of a competency-based HR approach (items A, B, C, D, F, G, H, I) the administration has adopted for all job holders, each answered yes (1) or no (0).",
        EveryTwoYears,
        Disclosure.Wco,
        [
            new("A", "Does your administration adopt your HR policy based on competency approach?"),
            new("B", "Does your administration adopt training policy based on competency approach?"),
            new("C", "Does your administration have a Competency Dictionary or similar framework?"),
            new("D", "Does your administration have job descriptions in place?"),
            new("F", "Does your administration have individual development plans in place?"),
            new("G", "Does your administration have assessment tools (review of competencies) in place?"),
            new("H", "Does your administration collect the information on required and acquired competencies?"),
            new("I", "Does your administration integrate the information on required and acquired competencies in the HR IT system?"),
        ],
        "The description letters its items A, B, C, D, F, G, H, I (no E, 8 items) while the formula prints A…H over 8: read as the 8 items as lettered in the description. Answer files use A–D and F–I; \"E\" is an unknown item. WCO disclosure.");

    private static KpiDefinition TrainingAccessRate => new()
    {
        Code = "K43",
        Id = "training_access_rate",
        Name = "Rate of access to training",
        Area = AreaIV,
        Outcome = CompetentStaff,
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)*100",
        Definition = "A = employees (uniformed and civilian) employed at some time in year t who started at least one training course in t, each counted once; B = employees employed at some time in t. A course is a participation in the approved training plan, and, when its hours are given, at least 3 hours virtual or 6 hours physical.",
        Unit = "%",
        MinimumPeriodicity = EveryTwoYears,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A",
                "employees employed during t with at least one training course (in the approved plan, 3 h virtual / 6 h physical) starting in t",
                "staff",
                RecordAggregate.Distinct("staff_id"),
                EmployedDuring,
                Related("training", "staff_id", True("counts_as_course"), RecordTiming.On("start_on"))),
            new("B", "employees employed at some time in t", "staff", RecordAggregate.Distinct("staff_id"), EmployedDuring),
        ],
        Breakdowns = [ByGender(Disclosure.Public), ByGrade(Disclosure.Public, "grade")],
        Decision = "B = everyone employed at some time in year t (`employment_start`/`employment_end` overlap t), not the year-end head count: the text says \"employees in year t\", and a year-end B would drop leavers who trained, so A would not be a part of B. A = those of B with ≥ 1 `training` record starting in t that `counts_as_course` (in the approved plan; when hours are given, ≥ 3 h virtual or ≥ 6 h physical, judged per participation, not accumulated). Each person once. Breakdowns gender and grade on A and B (both from `staff`), public. Gender and grade are the staff register's current values.",
    };

    private static KpiDefinition GenderBalanceRatio => new()
    {
        Code = "K44",
        Id = "gender_balance_ratio",
        Name = "Gender Balance Ratio",
        Area = AreaIV,
        Outcome = "Improved gender balance of staff at all levels",
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)*100",
        Definition = "A = female staff on board at the end of the year (uniformed and civilian); B = male staff on board at the end of the year. 100 means parity; it is not the female share of staff.",
        Unit = "females per 100 males",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "female staff employed on the last day of the year", "staff", RecordAggregate.Distinct("staff_id"), EmployedAtYearEnd, Is("gender", "FEMALE")),
            new("B", "male staff employed on the last day of the year", "staff", RecordAggregate.Distinct("staff_id"), EmployedAtYearEnd, Is("gender", "MALE")),
        ],
        Breakdowns = [ByGrade(Disclosure.Public, "grade")],
        Decision = "A = female, B = male staff employed on the last day of the year (`ActiveAtPeriodEnd`). Staff recorded with another gender are in neither: the PMM defines female/male only. Unit \"females per 100 males\" (100 = parity), not the female share. Breakdown grade. 'End of the year' is the last day of the period; grade is the staff register's current grade.",
    };

    private static KpiDefinition InformationRequestVariation => new()
    {
        Code = "K45",
        Id = "information_request_variation",
        Name = "Annual variation in requests for information",
        Area = AreaIV,
        Outcome = Accountability,
        Input = InputKind.Aggregate,
        Formula = FormulaKind.Variation,
        PrintedFormula = "(calculation cell empty in the source; read as ((A−B)/B)×100)",
        Definition = "Percentage change in queries and information requests on Customs matters received by call centres, service desks and information centres: A = requests received in year t, B = in year t−1. A fall reads as a good result.",
        Unit = "% change",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Public,
        Variables =
        [
            new("A", "information requests received in year t", "information_request", RecordAggregate.Rows, RecordTiming.On("received_on")),
            new("B", "information requests received in year t−1", "information_request", RecordAggregate.Rows, RecordTiming.On("received_on"), YearOffset: -1),
        ],
        Breakdowns = [new(BreakdownKind.RequestChannel, Disclosure.Public) { Field = "channel" }],
        Decision = "The calculation cell is empty; name (\"annual variation\") and description (\"percentage change\") give ((A−B)/B)×100, A = requests received in t, B in t−1. Input aggregate (contact centres report yearly counts); T-capable: where `information_request` records are loaded they give A and B, and an entered value overrides them. The channel list is lost after \"By types of channel\"; the register's channel codes are used. No value when B is 0 or missing.",
    };

    private static KpiDefinition PerformanceReportAvailability => Checklist(
        "K46",
        "performance_report_availability",
        "Availability of performance report",
        Accountability,
        "((A+B+C)/3) *100",
        "Share of the three criteria of availability of performance reports (published, published regularly, linked to a published strategic plan) answered yes (1).",
        Annually,
        Disclosure.Public,
        [
            new("A", "Do you publish performance reports?"),
            new("B", "Do you publish performance reports on a regular basis?"),
            new("C", "Are the performance reports linked to a published strategic plan?"),
        ],
        "Checklist A–C, annually, public.");

    private static KpiDefinition DisciplinaryComplianceRate => new()
    {
        Code = "K47",
        Id = "disciplinary_compliance_rate",
        Name = "Disciplinary compliance",
        Area = AreaIV,
        Outcome = Integrity,
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)×100",
        Definition = "A = officials subject to at least one disciplinary measure in year t for a violation of the code of conduct and/or anti-corruption provisions, each counted once; B = officials employed on the last day of the year.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Wco,
        Variables =
        [
            new("A", "distinct officials with a disciplinary measure dated in t", "disciplinary_case", RecordAggregate.Distinct("staff_id"), RecordTiming.On("measure_date")),
            new("B", "officials employed on the last day of the year", "staff", RecordAggregate.Distinct("staff_id"), EmployedAtYearEnd),
        ],
        Breakdowns =
        [
            ByGrade(Disclosure.Wco, "grade"),
            new(BreakdownKind.ViolationType, Disclosure.Wco) { Field = "violation_type" },
            new(BreakdownKind.DetectionSource, Disclosure.Wco) { Field = "detection_source" },
        ],
        Decision = "A = distinct officials (`staff_id`) with a `disciplinary_case` dated in t (measures are not counted); A is not limited to staff still employed at year end (a dismissed official counts). B = staff employed on the last day of the year. Breakdowns: grade (A: grade at the time of the measure; B: the staff register's grade); violation type and detection source exist only on A (the staff register has neither), so those rows divide by the total B, and an official with measures of two types counts in both rows. WCO.",
    };

    private static KpiDefinition CorruptionReportingEffectiveness => new()
    {
        Code = "K48",
        Id = "corruption_reporting_effectiveness",
        Name = "Effectiveness of reporting mechanisms for corruption misconduct and malpractice",
        Area = AreaIV,
        Outcome = Integrity,
        Input = InputKind.Transactional,
        Formula = FormulaKind.Ratio,
        PrintedFormula = "(A/B)×100",
        Definition = "A = reports received in year t through integrity reporting mechanisms (hotlines, national media, supervisors, internal investigations, intelligence reports …) that led Customs to initiate an investigation and/or internal control measure; B = all reports received through those mechanisms in t.",
        Unit = "%",
        MinimumPeriodicity = Annually,
        Disclosure = Disclosure.Wco,
        Variables =
        [
            new("A", "reports received in t on which an investigation or internal control measure was initiated", "integrity_report", RecordAggregate.Rows, RecordTiming.On("received_on"), True("action_initiated")),
            new("B", "reports received in t", "integrity_report", RecordAggregate.Rows, RecordTiming.On("received_on")),
        ],
        Breakdowns =
        [
            ByGrade(Disclosure.Wco, "reported_grade"),
            new(BreakdownKind.ViolationType, Disclosure.Wco) { Field = "violation_type" },
            new(BreakdownKind.DetectionSource, Disclosure.Wco) { Field = "detection_source" },
        ],
        Decision = "`integrity_report` records received in t; A = those with `action_initiated`, B = all. Cohort by receipt year: an action started in January on a December report counts for the report's year, so A ≤ B and a year's value can still rise after year end. Breakdowns: grade of the person reported (`reported_grade`), violation type, detection source. WCO.",
    };

    private static KpiDefinition AnticorruptionPreventiveMaturity => Checklist(
        "K49",
        "anticorruption_preventive_maturity",
        "Maturity of anti-corruption and integrity preventive measures",
        Integrity,
        "((A+B+C+D+E+F)/6) *100",
        "Share of the six criteria of a mature anti-corruption and integrity action plan answered yes (1).",
        Annually,
        Disclosure.Public,
        [
            new("A", "Does your administration have an anti-corruption and integrity action plan in place?"),
            new("B", "Does the anti-corruption and integrity action plan include sensitization measures (i.e. training, educational and publicity campaigns, engagement on code of conduct etc.)?"),
            new("C", "Does the anti-corruption and integrity action plan include management of corruption risks specific to the Customs administrative and operational environment?"),
            new("D", "Is the implementation of the anti-corruption and integrity action plan tracked and reported?"),
            new("E", "Is the anti-corruption and integrity action plan linked to your administration's overall corporate strategy and action plan?"),
            new("F", "Is the anti-corruption and integrity action plan aligned with the ten Key Factors of the WCO Revised Arusha Declaration concerning Good Governance and Integrity in Customs?"),
        ],
        "Checklist A–F, annually, public.");

    // Pieces shared by several definitions.
    private const string CompetentStaff = "More competent and engaged staff";
    private const string Accountability = "Advanced level of accountability";
    private const string Integrity = "Advanced level of integrity";

    /// <summary>Anyone employed at some time in the period (employment_end is the last day employed).</summary>
    private static RecordTiming EmployedDuring => RecordTiming.During("employment_start", "employment_end");

    /// <summary>Staff on board on the last day of the period (year-end head counts).</summary>
    private static RecordTiming EmployedAtYearEnd => RecordTiming.AtEnd("employment_start", "employment_end");

    /// <summary>K41's N: frontline officers assigned to inspection duties, employed at some time in the period.</summary>
    private static KpiVariable FrontlineOfficers(string name) =>
        new(name, "frontline inspection officers employed at some time in the financial year", "staff", RecordAggregate.Distinct("staff_id"),
            EmployedDuring, RecordCondition.True("frontline_inspection"));

    private static Breakdown ByGender(Disclosure disclosure) => new(BreakdownKind.Gender, disclosure) { Field = "gender" };

    /// <summary>Senior management, middle management, officer level; <paramref name="field"/> is the register's grade field.</summary>
    private static Breakdown ByGrade(Disclosure disclosure, string field) => new(BreakdownKind.Grade, disclosure) { Field = field };

    /// <summary>A self-assessment KPI: yes (1) / no (0) per item, (Σ yes / items) × 100.</summary>
    private static KpiDefinition Checklist(
        string code,
        string id,
        string name,
        string outcome,
        string printedFormula,
        string definition,
        string periodicity,
        Disclosure disclosure,
        IReadOnlyList<ChecklistItem> items,
        string? decision) => new()
    {
        Code = code,
        Id = id,
        Name = name,
        Area = AreaIV,
        Outcome = outcome,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.Checklist,
        PrintedFormula = printedFormula,
        Definition = definition,
        Unit = "%",
        MinimumPeriodicity = periodicity,
        Disclosure = disclosure,
        Items = items,
        Decision = decision,
    };
}
