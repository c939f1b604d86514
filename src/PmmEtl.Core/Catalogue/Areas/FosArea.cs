using static PmmEtl.Core.Catalogue.KpiCatalogue;
using static PmmEtl.Core.Catalogue.RecordCondition;

namespace PmmEtl.Core.Catalogue;

/// <summary>
/// The WCO Framework of Standards on Cross-Border E-Commerce KPI questionnaire (shared/seeds/003_…) as catalogue
/// entries, in the questionnaire's order: per Standard its monitoring indicators (FOS-1.1 … FOS-15.1, implementation
/// level 1–5), then its additional-information items (FOS-1.A, FOS-1.B …).
/// </summary>
internal static class FosArea
{
    /// <summary>The questionnaire prints no periodicity; it is answered per round and PmmEtl publishes per calendar year.</summary>
    private const string Round = "not stated (answered per questionnaire round; published per calendar year)";

    private const string LevelDefinition =
        "The implementation level of the Standard the administration reports for this indicator: 1 not applicable (no intention to implement), 2 not implemented (with issues), 3 progressing with implementation, 4 finalising implementation, 5 implementation complete; published with one row per capacity-building question of that level (breakdown capacity_building, the question's code, the answer as text).";

    private const string LevelDecision =
        "Level 1 means 'not applicable', not 'less implemented than 2': averages of levels leave level 1 out and count it separately. The capacity-building answers are keyed to the questions of the reported level (1a; 2a–2b; 3a–3c; 4a–4d; 5a–5b): every question of that level is answered, none of another level; 3b and 4c are yes/no questions and 3c and 4d are asked only after a yes.";

    /// <summary>Appended to every additional-information item's decision.</summary>
    private const string AskedWhen =
        "Asked, and so required and published, only where the Standard is implemented fully or partially: at least one of its indicators reported at level 4 or 5 for the year. Otherwise the item's row has no value and says it was not asked.";

    private const string ShipmentScope =
        "An item is one shipment record (house bill or postal item); only e-commerce shipments (shipment.ecommerce, the identification rule of K12–K14) count, import and export, dated by arrival or departure.";

    public static CatalogueArea Build() => new(FosSection, "FosArea.cs",
    [
        .. Standard1(), .. Standard2(), .. Standard3(), .. Standard4(), .. Standard5(), .. Standard6(), .. Standard7(), .. Standard8(),
        .. Standard9(), .. Standard10(), .. Standard11(), .. Standard12(), .. Standard13(), .. Standard14(), .. Standard15(),
    ])
    {
        Preface = "In the questionnaire's order: per Standard its monitoring indicators, then its additional-information items. Family `fos`; area \"E-commerce FoS Standard N – title\"; outcome = the Standard's statement.",
        SharedDecisions =
        [
            new("Counts",
                "15 Standards, 33 monitoring indicators (FOS-1.1 … FOS-15.1) and 35 additional items (FOS-1.A …). The catalogue card says 34 items (7 Q/txt); the seed has two Standard 15 items (\"Details of new innovative technological developments implemented…\" and \"…tested and/or trialled…\"), so 16 T, 2 T-reg, 9 A and 8 Q/txt. The seed is followed."),
            new("Disclosure",
                "WCO for every entry: the questionnaire is answered to the WCO. FOS-5.B and FOS-5.C compute the public PMM K13/K12 measures, but the FoS entry keeps the questionnaire's level."),
            new("Periodicity",
                "The questionnaire prints none: \"not stated (answered per questionnaire round; published per calendar year)\"; items asking for an \"annual number\" say \"annually\"."),
            new("Monitoring indicators",
                "Name = the indicator's question; implementation level 1–5 from `fos:` in the assessment file. Level 1 is \"not applicable\", not \"less implemented than 2\": averages leave it out."),
            new("Capacity building",
                "The questionnaire asks \"the capacity-building questions that correspond to your country's assessed implementation level\": 1a (level 1); 2a, 2b (2); 3a, 3b, 3c (3); 4a, 4b, 4c, 4d (4); 5a, 5b (5), coded in order of the questionnaire's bullets. Answers are keyed by these codes under `capacity_building:`; every question of the reported level is answered and none of another level (an error naming file, line and field otherwise). 3b (\"Has your country faced difficulties…?\") and 4c (\"Is your country facing difficulties…?\") are yes/no questions, answered with a text that starts with yes or no; 3c and 4d (\"If yes, how could capacity building assist…?\") are asked only after a yes, and refused after a no. Published one row per answer: breakdown `capacity_building`, breakdown value = the question's code, `value_text` = the answer, note = the question."),
            new("Additional information: when asked",
                "The questionnaire asks a Standard's additional information \"if your country has implemented the Standard (whether fully or partially)\" and does not say which levels that is. Level 5 (\"implementation complete\") is fully; level 4 (\"finalising implementation\": measures developed and being operationalised) is read as partially; levels 1–3 (not applicable, not implemented, only considering or testing measures) have nothing implemented. A Standard is at the highest level reported for any of its indicators, so one indicator at level 4 or 5 asks all the Standard's items (the questionnaire ties them to the Standard, not to an indicator). Where asked, an item only an officer can answer (A and Q/txt items) is required (in `fos_items:` or an aggregates file; a missing one is an error naming the line of the level that asks it) and record-based items are measured; where not asked, or in a year without levels, an answer is an error naming its file and line, and the item's row has no value and the note \"not measurable: not asked: …\"."),
            new("Shipment items (T)",
                "Over the `shipment` register, e-commerce shipments only (`shipment.ecommerce`, the one identification rule of K12–K14), import and export, dated by arrival/departure (`shipment_date`); an \"item\" is one shipment record (house bill, postal item). A of every share is B narrowed further, so A ⊆ B."),
            new("A items",
                "FOS-2.A, 6.C, 8.B, 11.A, 11.B, 12.A, 12.B, 13.A, 13.B: `KpiVariable.Entered(\"A\")`, FormulaKind Value, from `fos_items:` or the aggregates CSV. 8.B is an amount in national currency; where duty and tax thresholds differ (8.C), the duty threshold is the value and the entry's text names both."),
            new("Q/txt items",
                "FOS-2.B, 3.A, 7.A, 8.C, 9.A, 14.A, 15.A, 15.B: FormulaKind Text, with one entered variable A so that the answer files have a variable to name."),
        ],
    };

    /// <summary>
    /// The questionnaire's capacity-building questions, per implementation level (verbatim): an indicator's answers are
    /// keyed by these codes, and only the questions of its reported level are asked.
    /// </summary>
    public static IReadOnlyList<CapacityBuildingQuestion> CapacityBuildingQuestions() =>
    [
        new(1, "1a", "Why has your country decided not to implement this Standard?"),
        new(2, "2a", "What difficulties is your country facing to implement this Standard?"),
        new(2, "2b", "How could capacity building assist you to overcome these difficulties?"),
        new(3, "3a", "What steps has your country taken to develop measures to implement this Standard (e.g. internal policy development, public consultations, testing/trials)?"),
        new(3, "3b", "Has your country faced difficulties in developing measures to implement this Standard?") { YesNo = true },
        new(3, "3c", "If yes, how could capacity building assist you to overcome these difficulties?") { AskedIfYesTo = "3b" },
        new(4, "4a", "What measures have your country developed to implement the Standard?"),
        new(4, "4b", "What processes (legislative, administrative or operational) is your country administering to implement the Standard?"),
        new(4, "4c", "Is your country facing difficulties in implementing this Standard?") { YesNo = true },
        new(4, "4d", "If yes, how could capacity building assist you to overcome these challenges?") { AskedIfYesTo = "4c" },
        new(5, "5a", "How does your country implement the Standard, and how often will it be reviewed or evaluated?"),
        new(5, "5b", "What lessons has your country learned in implementing this Standard?"),
    ];

    /// <summary>One Standard of the Framework, as the questionnaire titles and states it.</summary>
    private sealed record FosStandard(int Number, string Title, string Statement)
    {
        public string Area => $"E-commerce FoS Standard {Number} – {Title}";
    }

    private static IEnumerable<KpiDefinition> Standard1()
    {
        FosStandard s = new(1, "Legal Framework for Advance Electronic Data",
            "A legal and regulatory framework should be established for requiring advance electronic exchange of data between relevant parties involved in the E-Commerce supply chain, and Customs administrations and other relevant government agencies to enhance facilitation and control measures, taking into account applicable laws, inter alia, those related to competition (anti-trust), and data security, privacy, protection, ownership.");
        yield return Level(s, 1, "legal_framework_advance_data", "Has your country implemented a legal and regulatory framework that requires advance electronic exchange of data?");
        yield return Level(s, 2, "competition_law_advance_data", "Do you have competition (anti-trust) laws (or other administrative arrangements) that are applicable to the advance electronic exchange of data?");
        yield return Level(s, 3, "data_protection_advance_data", "Do you have laws (or other administrative arrangements) on data security, privacy and protection that are applicable to the advance electronic exchange of data?");
        yield return Level(s, 4, "data_ownership_advance_data", "Do you have laws (or other administrative arrangements) that deal with issues of ownership that are applicable to the advance electronic exchange of data?");
        yield return EcommerceShare(s, 'A', "electronic_data_share",
            "The percentage of items that include electronic data transmitted to Customs authorities compared to total items (electronic-based and paper-based)",
            "e-commerce shipments whose item data was sent to Customs electronically",
            "all e-commerce shipments (electronic and paper)",
            True("electronic_data"), null,
            "A = `electronic_data`; B = all e-commerce shipments (electronic and paper). " + ShipmentScope);
        yield return EcommerceShare(s, 'B', "advance_data_before_arrival_share",
            "The percentage of advance data submission (i.e. pre-arrival/pre-departure) versus after arrival/departure.",
            "e-commerce shipments whose electronic data was received before arrival (import) or departure (export)",
            "e-commerce shipments with both the data receipt time and the arrival/departure time recorded",
            True("advance_before_arrival"), Both(Present("advance_data_at"), Present("arrival_at")),
            "\"Advance vs after arrival\" is read as the advance (pre-arrival) share of all submissions, A / (before + after) × 100: B = shipments with both `advance_data_at` and `arrival_at`, A = those of B with `advance_before_arrival`. A shipment whose receipt or arrival time is unknown cannot be placed on either side and is in neither A nor B. " + ShipmentScope);
    }

    private static IEnumerable<KpiDefinition> Standard2()
    {
        FosStandard s = new(2, "Use of International Standards for Advance Electronic Data",
            "Relevant WCO and other international standards and guidance should be implemented in accordance with national policy, in an effective and harmonized manner, to facilitate the exchange of advance electronic data.");
        yield return Level(s, 1, "wco_data_model_applied", "Does your Customs administration apply the WCO Data Model to Advanced Electronic Data?");
        yield return Level(s, 2, "other_international_standards", "Does your Customs administration implement other international standards or guidance (e.g. WCO-UPU Guidelines on Electronic Advance Data) to facilitate the exchange of advance electronic data?");
        yield return Entered(s, 'A', "wco_data_model_elements_mapped", "Number of data elements mapped with the WCO Data Model", "data elements", 0, Round);
        yield return Answer(s, 'B', "wco_data_model_version", "The version of the WCO Data Model that is used to manage cross-border E-Commerce shipments");
    }

    private static IEnumerable<KpiDefinition> Standard3()
    {
        FosStandard s = new(3, "Risk Management for Facilitation and Control",
            "Customs administrations should develop and apply dynamic risk management techniques that are specific to the E-Commerce context to identify shipments that present a risk.");
        yield return Level(s, 1, "ecommerce_risk_management", "Does your Customs administration apply risk-management techniques that are specific to E-Commerce shipments?");
        yield return Answer(s, 'A', "ecommerce_risk_techniques", "What risk management techniques does your customs administration apply to cross-border E-Commerce shipments?");
    }

    private static IEnumerable<KpiDefinition> Standard4()
    {
        FosStandard s = new(4, "Use of Non-Intrusive Inspection Technologies and Data Analytics",
            "Customs administrations should use data analytics and screening methodologies in conjunction with non-intrusive inspection equipment, across all modes of transportation and operators, as part of risk management, with a view to facilitating cross-border E-Commerce flows and strengthening Customs controls.");
        yield return Level(s, 1, "screening_with_nii", "Does your Customs administration use screening methodologies in conjunction with non-intrusive inspection equipment as part of risk management?");
        yield return Level(s, 2, "data_analytics_risk_management", "Does your country use data analytics on cross-border E-Commerce shipments for risk management purposes?");
        yield return Level(s, 3, "screening_all_modes", "Does your Customs administration use screening methodologies across all modes of transportation?");
        yield return Level(s, 4, "screening_all_operators", "Does your Customs administration use screening methodologies across all E-Commerce operators?");
        yield return SeizureCount(s, 'A', "nii_seizures",
            "Annual number of seizures on cross-border E-Commerce shipments as a result of non-intrusive inspection", "NII");
        yield return EcommerceShare(s, 'B', "nii_shipment_share",
            "Percentage of cross-border E-Commerce shipments that are subject to non-intrusive inspection",
            "e-commerce shipments subjected to non-intrusive inspection",
            "all e-commerce shipments",
            True("nii"), null, "A = e-commerce shipments with `nii`. " + ShipmentScope);
        yield return SeizureCount(s, 'C', "data_analytics_seizures",
            "Annual number of seizures on cross-border E-Commerce shipments as a result of data analytics", "DATA_ANALYTICS");
        yield return EcommerceShare(s, 'D', "data_analytics_seized_share",
            "Percentage of total cross-border E-Commerce shipments that have been seized as a result of data analytics",
            "e-commerce shipments of year t with a seizure detected by data analytics (seizure.shipment_id)",
            "all e-commerce shipments of t",
            Related("seizure", "shipment_id", Is("detection_method", "DATA_ANALYTICS")), null,
            "A = e-commerce shipments of t linked (`shipment_id`) to a seizure detected by DATA_ANALYTICS, whenever seized; B = e-commerce shipments of t. " + "Counted in shipments on both sides, so A ⊆ B: a shipment with two seizures counts once, and a seizure counts with the year its shipment arrived or left (a seizure record without shipment_id cannot be linked and is not counted). " + ShipmentScope);
    }

    private static IEnumerable<KpiDefinition> Standard5()
    {
        FosStandard s = new(5, "Simplified Clearance Procedures",
            "Customs administrations, working in coordination with other relevant government agencies as appropriate, should establish and maintain simplified clearance formalities/procedures utilizing pre-arrival processing and risk assessment of cross-border E-Commerce shipments, and procedures for immediate release of low-risk shipments on arrival or departure. Simplified clearance formalities/procedures should include, as appropriate, an account-based system for collecting duties and/or taxes and handling return shipments.");
        yield return Level(s, 1, "simplified_procedures", "Has your Customs administration established and maintained simplified formalities and procedures?");
        yield return Level(s, 2, "immediate_release_low_risk", "Does your Customs administration apply procedures for immediate release of low-risk shipments?");
        yield return Level(s, 3, "account_based_duty_collection", "Does your country use an account-based system for collecting duties and/or taxes?");
        yield return Level(s, 4, "account_based_returns", "Does your country use an account-based system for handling return shipments?");
        yield return EcommerceShare(s, 'A', "simplified_clearance_share",
            "Percentage of cross-border E-Commerce shipments cleared by simplified formalities/procedures",
            "e-commerce shipments cleared under a simplified formality or procedure",
            "all e-commerce shipments",
            True("simplified_procedure"), null, "A = `simplified_procedure`. " + ShipmentScope);
        yield return Item(s, 'B', "low_risk_clearance_time",
            "Average clearance time of low-risk cross-border E-Commerce shipments",
            InputKind.Transactional, FormulaKind.Value, "(no formula printed; PMM K13: ΣT_i/N)",
            "Mean minutes from lodging to clearance from Customs formalities over the low-risk e-commerce shipments with both times recorded (N = those shipments).",
            "minutes", 2, Round,
            [
                new("A", "mean clearance minutes of low-risk e-commerce shipments", "shipment", RecordAggregate.MeanOf("clearance_minutes"), OnShipmentDate,
                    Ecommerce(Is("risk_level", "LOW"), Present("clearance_minutes"))),
            ],
            "FormulaKind Value, A = mean `clearance_minutes` (lodged → cleared) over e-commerce shipments with `risk_level` LOW and both times: PMM K13's measure, with K13's reading of N (low-risk shipments measured), on shipment records. Equal to K13 where each shipment has its own declaration.");
        yield return EcommerceShare(s, 'C', "immediate_release_share",
            "Percentage of cross-border e-commerce shipments that are released immediately upon arrival/departure",
            "e-commerce shipments flagged for immediate release upon arrival (import) or departure (export) and subject to neither physical examination nor NII",
            "all e-commerce shipments",
            Both(True("immediate_release"), Not(True("physical_exam")), Not(True("nii")), Not(RelatedWhereGiven("inspection", "shipment_id", TradeFacilitationArea.PhysicalOrNii))), null,
            "K12's rule: `immediate_release` and not `physical_exam` and not `nii`; the questionnaire's \"arrival/departure\" covers exports. " + "PMM K12's rule on shipment records: 'immediately' has no time threshold, the clearance system's flag is used, and a shipment under physical examination or NII never counts, whether its own flags say so or, where the source gives the inspection register, an inspection of type PHYSICAL or NII of the shipment. " + ShipmentScope);
        yield return DutyShare(s, 'D', "account_based_duty_share",
            "Percentage of duty collection through an account-based system",
            "duties and taxes (USD) of e-commerce shipments paid through an account-based system",
            "duties and taxes (USD) of all e-commerce shipments",
            True("account_based_payment"),
            "Amounts, not shipments: Σ `duty_tax_usd` of e-commerce shipments with `account_based_payment` / Σ `duty_tax_usd` of e-commerce shipments, at the cycle's exchange rate; shipments without an amount add nothing. " + ShipmentScope);
        yield return EcommerceShare(s, 'E', "account_based_returns_share",
            "Percentage of returns processed through an account-based system",
            "e-commerce return shipments processed through an account-based system",
            "all e-commerce return shipments",
            True("return_account_based"), True("is_return"), "B = e-commerce shipments with `is_return`; A = those with `return_account_based`. " + ShipmentScope);
    }

    private static IEnumerable<KpiDefinition> Standard6()
    {
        FosStandard s = new(6, "Expanding the Concept of Authorized Economic Operator (AEO) to Cross-Border E-Commerce",
            "Customs administrations should explore the possibilities of applying AEO Programmes and Mutual Recognition Arrangements/Agreements in the context of cross-border E-Commerce, including leveraging the role of intermediaries, to enable Micro, Small and Medium-sized Enterprises (MSMEs) and individuals to fully benefit from the opportunities of cross-border E-Commerce.");
        yield return Level(s, 1, "intermediaries_as_aeo", "Does your Customs administration allow intermediaries such as e-commerce platforms, e-vendors, e-marketplaces, Custom brokers, express operators, postal operators to become AEO?");
        yield return Level(s, 2, "intermediary_aeo_msme_shipments", "Does your Customs administration make provisions and have procedures for intermediaries as AEOs to process shipments from MSMEs to benefit from AEO treatment?");
        yield return Level(s, 3, "mra_in_ecommerce", "Does your Customs administration apply Mutual Recognition Arrangements/Agreements in the context of cross-border E-Commerce?");
        yield return Item(s, 'A', "ecommerce_aeo_count",
            "Number of E-Commerce operators with AEO status",
            InputKind.Transactional, FormulaKind.Value, "count",
            "Operators flagged as e-commerce intermediaries holding a valid AEO authorisation of the administration on the last day of the year, each operator counted once.",
            "operators", 0, Round,
            [NationalAeos("A", "e-commerce operators with a valid AEO authorisation at year end", True("ecommerce_operator"))],
            AeoDecision);
        yield return Item(s, 'B', "ecommerce_aeo_share",
            "E-Commerce operators with AEO status as a percentage of total AEOs.",
            InputKind.Transactional, FormulaKind.Ratio, NoFormula,
            "A = e-commerce operators with a valid AEO authorisation at year end; B = all operators with a valid AEO authorisation at year end.",
            "%", 2, Round,
            [
                NationalAeos("A", "e-commerce operators with a valid AEO authorisation at year end", True("ecommerce_operator")),
                NationalAeos("B", "operators with a valid AEO authorisation at year end", null),
            ],
            AeoDecision);
        yield return Entered(s, 'C', "ecommerce_mra_count", "Number of MRAs with other customs authorities that can be applied in the context of cross-border E-Commerce.", "arrangements", 0, Round);
    }

    private static IEnumerable<KpiDefinition> Standard7()
    {
        FosStandard s = new(7, "Models of Revenue Collection",
            "Customs administrations, working with appropriate agencies or Ministries, should consider applying, as appropriate, various types of models of revenue collection (e.g., vendor, intermediary, buyer or consumer, etc.) for duties and/or taxes. In order to ensure the revenue collection, Customs administrations should offer electronic payment options, provide relevant information online, allow for flexible payment types and ensure fairness and transparency in its processes. Models that are applied should be effective, efficient, scalable, and flexible, supporting various business models and contributing to a level playing field for and among the various E-Commerce stakeholders.");
        yield return Level(s, 1, "distinct_revenue_model", "Does your country apply a different type of revenue collection model (e.g. vendor, intermediary, buyer or consumer, etc.) to cross-border E-Commerce transactions for duties and/or taxes?");
        yield return Level(s, 2, "electronic_payment_options", "Does your Customs administration offer electronic payment options, provide relevant information online and/or allow for flexible payment types?");
        yield return Level(s, 3, "stakeholder_choice_of_model", "If your country applies more than one revenue collection model to cross-border E-Commerce transactions, can E-Commerce stakeholders choose which model it can use to pay duties and/or taxes?");
        yield return Answer(s, 'A', "revenue_models", "Which revenue collection model(s) does your country apply to duties and/or taxes that are collected in the context of E-Commerce?");
        yield return DutyShare(s, 'B', "revenue_under_models_share",
            "Percentage of revenue collected from cross-border E-Commerce shipments under the model(s)",
            "duties and taxes (USD) of e-commerce shipments collected under a vendor, intermediary or buyer model",
            "duties and taxes (USD) of all e-commerce shipments",
            UnderAModel,
            "\"Revenue … under the model(s)\" is read as the share of e-commerce revenue (not of all revenue) collected under the model(s): Σ `duty_tax_usd` of e-commerce shipments with `revenue_model` VENDOR, INTERMEDIARY or BUYER / Σ of all e-commerce shipments; the item, unlike FOS-7.D, does not say 'of total'. " + ModelDecision);
        yield return Item(s, 'C', "shipments_under_models",
            "Number of cross-border E-Commerce shipments covered under the model(s)",
            InputKind.Transactional, FormulaKind.Value, "count",
            "E-commerce shipments of the year whose duties and taxes are collected under a vendor, intermediary or buyer model.",
            "shipments", 0, Round,
            [Shipments("A", "e-commerce shipments covered by a revenue collection model", Ecommerce(UnderAModel))],
            "Count of e-commerce shipments under a model (Value). " + ModelDecision);
        yield return Item(s, 'D', "shipments_under_models_share",
            "Cross-border E-Commerce shipments covered under the model(s) as a percentage of total shipments",
            InputKind.Transactional, FormulaKind.Ratio, NoFormula,
            "A = e-commerce shipments covered by a vendor, intermediary or buyer model; B = all shipments, e-commerce or not (the B of PMM K14).",
            "%", 2, Round,
            [
                Shipments("A", "e-commerce shipments covered by a revenue collection model", Ecommerce(UnderAModel)),
                Shipments("B", "all shipments", null),
            ],
            "\"As a percentage of total shipments\" is read literally: B = every shipment record, e-commerce or not, as the denominator of K14. " + ModelDecision);
    }

    private static IEnumerable<KpiDefinition> Standard8()
    {
        FosStandard s = new(8, "De Minimis",
            "When reviewing and/or adjusting de minimis thresholds for duties and/or taxes, making fully informed decisions based on specific national circumstances.");
        yield return Level(s, 1, "de_minimis_threshold_applied", "Does your country apply a de minimis threshold for duties and/or taxes to cross-border E-Commerce shipments?");
        yield return Level(s, 2, "de_minimis_review_framework", "Does your country maintain a framework that ensures any decisions to review and/or adjust de minimis thresholds will be fully informed by specific national circumstances?");
        yield return EcommerceShare(s, 'A', "below_de_minimis_share",
            "Percentage of cross-border E-Commerce shipments that are below the de minimis threshold",
            "e-commerce shipments whose value is below the de minimis threshold",
            "all e-commerce shipments",
            True("below_de_minimis"), null,
            "The questionnaire prints 'de minimum'; the de minimis threshold is meant. The source flags each shipment (below_de_minimis) with the national rule. " + ShipmentScope);
        yield return Entered(s, 'B', "de_minimis_threshold", "Value of de minimis threshold (or, if applicable, de minimis thresholds)", "national currency", 2, Round);
        yield return Answer(s, 'C', "separate_duty_tax_thresholds", "Does your country apply different de minimis thresholds to duties and taxes?");
    }

    private static IEnumerable<KpiDefinition> Standard9()
    {
        FosStandard s = new(9, "Prevention of Fraud and Illicit Trade",
            "Customs administrations should work with other relevant government agencies to establish procedures for analysis and investigations of illicit cross-border E-Commerce activities with a view to prevent and detect fraud, deter the misuse of E-Commerce channels and disrupt illicit flows.");
        yield return Level(s, 1, "inter_agency_illicit_analysis", "Does your Customs administration cooperate with other relevant government agencies to support analysis and investigations of illicit cross-border E-Commerce activities?");
        yield return Level(s, 2, "joint_operations_procedures", "Does your country have procedures that support joint operations on cross-border E-Commerce activities across government agencies to successfully detect fraud, deter the misuse of E-Commerce channels and disrupt illicit flows?");
        yield return Answer(s, 'A', "joint_operations", "Details of intergovernmental/joint operations on cross-border E-Commerce shipments");
    }

    private static IEnumerable<KpiDefinition> Standard10()
    {
        FosStandard s = new(10, "Inter-Agency Cooperation and Information Sharing",
            "Governments should establish cooperation frameworks between and among various national agencies through relevant electronic mechanisms including Single Window, as appropriate, in order to provide cohesive and coordinated response to safety and security risks stemming from cross-border E-Commerce, thus facilitating legitimate trade.");
        yield return Level(s, 1, "electronic_inter_agency_mechanism", "Do you have an electronic mechanism to cooperate with other national agencies, to support a cohesive and coordinated response to safety and security risks stemming from cross-border E-Commerce?");
        yield return EcommerceShare(s, 'A', "single_window_share",
            "Percentage of cross-border E-Commerce shipments that are cleared through an electronic mechanism (e.g. single window)",
            "e-commerce shipments cleared through an electronic inter-agency mechanism such as a single window",
            "all e-commerce shipments",
            True("single_window"), null, "A = `single_window`. " + ShipmentScope);
    }

    private static IEnumerable<KpiDefinition> Standard11()
    {
        FosStandard s = new(11, "Public-Private Partnerships",
            "Customs administrations should establish and strengthen cooperation partnerships with E-Commerce stakeholders to develop and enhance communication, coordination and collaboration, with an aim to optimize compliance and facilitation.");
        yield return Level(s, 1, "private_stakeholder_cooperation", "Does your Customs administration have a cooperation mechanism that includes private E-Commerce stakeholders?");
        yield return Level(s, 2, "private_stakeholder_work_plan", "Is your Customs administration pursuing a specific work plan, agenda item or engagement strategy with private E-Commerce stakeholders on E-Commerce issues?");
        yield return Entered(s, 'A', "stakeholder_meetings", "Annual number of meetings/conferences/committees between Customs and E-Commerce stakeholders", "meetings", 0, Annually);
        yield return Entered(s, 'B', "private_partnerships", "Number of cooperation partnerships between Customs authorities and private E-Commerce stakeholders", "partnerships", 0, Round);
    }

    private static IEnumerable<KpiDefinition> Standard12()
    {
        FosStandard s = new(12, "International Cooperation",
            "Customs administrations should expand Customs cooperation and partnerships to the cross-border E-Commerce environment in order to ensure compliance and facilitation.");
        yield return Level(s, 1, "foreign_customs_cooperation", "Is your Customs administration working with foreign Customs authorities (including through informal arrangements and established partnerships) specifically on cross-border E-Commerce?");
        yield return Entered(s, 'A', "international_meetings", "Annual number of international meetings and/or conferences attended by Customs that includes discussion on cross-border E-Commerce", "meetings", 0, Annually);
        yield return Entered(s, 'B', "partner_countries", "Number of countries with a partnership on cross-border E-Commerce", "countries", 0, Round);
    }

    private static IEnumerable<KpiDefinition> Standard13()
    {
        FosStandard s = new(13, "Communication, Public Awareness and Outreach",
            "Customs administrations should make consumers, the public and other stakeholders aware of the regulatory requirements, risks and responsibilities associated with cross-border E-commerce through comprehensive awareness raising, communication, education and outreach programmes.");
        yield return Level(s, 1, "awareness_programmes", "Has your Customs administration established public awareness raising, communication, education and outreach programmes relating to cross-border E-Commerce?");
        yield return Entered(s, 'A', "consumer_programmes", "Annual number of awareness raising, communication, education and outreach programmes for consumers on cross-border E-Commerce", "programmes", 0, Annually);
        yield return Entered(s, 'B', "industry_programmes", "Annual number of awareness raising, communication, education and outreach programmes for industry on cross-border E-Commerce", "programmes", 0, Annually);
    }

    private static IEnumerable<KpiDefinition> Standard14()
    {
        FosStandard s = new(14, "Mechanism of Measurement",
            "Customs administrations should work with relevant government agencies in close cooperation with E-Commerce stakeholders to accurately capture, measure, analyse and publish cross-border E-Commerce statistics in accordance with international statistical standards and national policy, for informed decision making.");
        yield return Level(s, 1, "ecommerce_statistics_capability", "Has your country established, in close consultation with E-Commerce stakeholders, an ability to capture, measure, analyse and publish cross-border E-Commerce statistics?");
        yield return Level(s, 2, "international_statistical_standards", "Does your country use international statistical standards to capture, measure, analyse and publish cross-border E-Commerce statistics, including the WCO Data Model and United Nations International Merchandise Trade Statistics: Concepts and Definitions 2010 (IMTS2010)?");
        yield return Answer(s, 'A', "statistics_publication_frequency", "Frequency of publication of official statistics on cross-border E-Commerce");
    }

    private static IEnumerable<KpiDefinition> Standard15()
    {
        FosStandard s = new(15, "Explore Technological Developments and Innovation",
            "Customs administrations in collaboration with other relevant government agencies, the private sector and academia, should explore innovative technological developments and consider whether these developments can contribute to more effective and efficient control and facilitation of cross-border E-Commerce.");
        yield return Level(s, 1, "innovative_technology_adopted", "Has your Customs administration adopted innovative technological developments specifically relating to cross-border E-Commerce?");
        yield return Answer(s, 'A', "innovations_implemented", "Details of new innovative technological developments implemented since the adoption of the Framework of Standards.");
        yield return Answer(s, 'B', "innovations_tested", "Details of innovative technological developments that have been tested and/or trialled (including technological developments that have not resulted in a new solution)");
    }

    /// <summary>The questionnaire asks for a percentage and prints no formula.</summary>
    private const string NoFormula = "(A/B)×100 (percentage asked; no formula printed)";

    private const string AeoDecision =
        "`aeo_authorisation` valid on the last day of the year, counted as distinct `operator_id`; A = `ecommerce_operator`; FOS-6.B's B = all such AEO operators. AEO status is the administration's own programme: authorisations recognised only through an MRA are left out, as in PMM K02 (MRAs are FOS-6.C). Operators are counted once however many authorisations they hold; the register's e-commerce operator flag identifies the intermediaries of Standard 6.";

    private const string ModelDecision =
        "A shipment is covered under the model(s) when the source names its collection model (vendor, intermediary or buyer); revenue_model NONE or empty is not covered.";

    // ---- Shared conditions and variables ----

    private static RecordTiming OnShipmentDate => RecordTiming.On("shipment_date");

    private static RecordCondition UnderAModel => Is("revenue_model", "VENDOR", "INTERMEDIARY", "BUYER");

    /// <summary>E-commerce shipments, narrowed by <paramref name="more"/>.</summary>
    private static RecordCondition Ecommerce(params RecordCondition[] more) =>
        more.Length == 0 ? True("ecommerce") : Both([True("ecommerce"), .. more]);

    private static KpiVariable Shipments(string name, string description, RecordCondition? filter) =>
        new(name, description, "shipment", RecordAggregate.Rows, OnShipmentDate, filter);

    private static KpiVariable NationalAeos(string name, string description, RecordCondition? filter) =>
        new(name, description, "aeo_authorisation", RecordAggregate.Distinct("operator_id"), RecordTiming.AtEnd("valid_from", "valid_to"),
            filter is null ? False("recognised_via_mra") : Both(False("recognised_via_mra"), filter));

    // ---- Entry factories ----

    private static string Code(FosStandard s, string suffix) => $"FOS-{s.Number}.{suffix}";

    private static string Id(FosStandard s, string suffix, string slug) => $"fos_{s.Number}_{suffix.ToLowerInvariant()}_{slug}";

    /// <summary>A monitoring indicator: the implementation level 1–5 answered in the questionnaire.</summary>
    private static KpiDefinition Level(FosStandard s, int indicator, string slug, string question) => new()
    {
        Code = Code(s, indicator.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Id = Id(s, indicator.ToString(System.Globalization.CultureInfo.InvariantCulture), slug),
        Name = question,
        Area = s.Area,
        Outcome = s.Statement,
        Input = InputKind.Questionnaire,
        Formula = FormulaKind.ImplementationLevel,
        PrintedFormula = "implementation level 1–5 (questionnaire scale)",
        Definition = LevelDefinition,
        Unit = "level 1–5",
        Precision = 0,
        MinimumPeriodicity = Round,
        Disclosure = Disclosure.Wco,
        Family = CatalogueFamily.Fos,
        FosStandard = s.Number,
        Breakdowns = [new(BreakdownKind.CapacityBuilding, Disclosure.Wco)],
        Decision = LevelDecision,
    };

    /// <summary>An additional-information item; every item is asked only where the Standard is implemented, fully or partially (<see cref="KpiCatalogue.FosAdditionalInformationLevel"/>).</summary>
    private static KpiDefinition Item(
        FosStandard s,
        char letter,
        string slug,
        string name,
        InputKind input,
        FormulaKind formula,
        string printedFormula,
        string definition,
        string unit,
        int precision,
        string periodicity,
        IReadOnlyList<KpiVariable> variables,
        string? decision) => new()
    {
        Code = Code(s, letter.ToString()),
        Id = Id(s, letter.ToString(), slug),
        Name = name,
        Area = s.Area,
        Outcome = s.Statement,
        Input = input,
        Formula = formula,
        PrintedFormula = printedFormula,
        Definition = definition,
        Unit = unit,
        Precision = precision,
        MinimumPeriodicity = periodicity,
        Disclosure = Disclosure.Wco,
        Family = CatalogueFamily.Fos,
        FosStandard = s.Number,
        Variables = variables,
        Decision = decision is null ? AskedWhen : $"{decision} {AskedWhen}",
    };

    /// <summary>(A/B)×100 over e-commerce shipments: B = those in <paramref name="scope"/>, A = those of B matching <paramref name="numerator"/>.</summary>
    private static KpiDefinition EcommerceShare(
        FosStandard s, char letter, string slug, string name, string a, string b, RecordCondition numerator, RecordCondition? scope, string decision)
    {
        RecordCondition inB = scope is null ? Ecommerce() : Ecommerce(scope);
        return Item(s, letter, slug, name, InputKind.Transactional, FormulaKind.Ratio, NoFormula, $"A = {a}; B = {b}.", "%", 2, Round,
            [Shipments("A", a, Both(inB, numerator)), Shipments("B", b, inB)],
            decision);
    }

    /// <summary>(Σ A / Σ B)×100 of duties and taxes in USD over e-commerce shipments.</summary>
    private static KpiDefinition DutyShare(FosStandard s, char letter, string slug, string name, string a, string b, RecordCondition numerator, string decision) =>
        Item(s, letter, slug, name, InputKind.Transactional, FormulaKind.Ratio, NoFormula, $"A = {a}; B = {b}.", "%", 2, Round,
            [
                new("A", a, "shipment", RecordAggregate.SumOf("duty_tax_usd"), OnShipmentDate, Ecommerce(numerator)),
                new("B", b, "shipment", RecordAggregate.SumOf("duty_tax_usd"), OnShipmentDate, Ecommerce()),
            ],
            decision);

    /// <summary>Seizure cases on e-commerce shipments found by one detection method in the year.</summary>
    private static KpiDefinition SeizureCount(FosStandard s, char letter, string slug, string name, string method) =>
        Item(s, letter, slug, name, InputKind.Transactional, FormulaKind.Value, "count",
            $"Seizure cases on e-commerce shipments in the year whose detection method is {method}; one case counts once however many items it holds.",
            "seizures", 0, Annually,
            [
                new("A", $"seizure cases on e-commerce shipments detected by {method}", "seizure", RecordAggregate.Rows, RecordTiming.On("seizure_date"),
                    Both(True("ecommerce"), Is("detection_method", method))),
            ],
            $"Seizure cases (one row per case) with `seizure.ecommerce` and `detection_method` {method}, dated in the year: the seizure's own e-commerce flag and detection method are used, as in area III.");

    /// <summary>A count or amount only an officer can give (aggregate input or the questionnaire's fos_items).</summary>
    private static KpiDefinition Entered(FosStandard s, char letter, string slug, string name, string unit, int precision, string periodicity) =>
        Item(s, letter, slug, name, InputKind.Aggregate, FormulaKind.Value, "value entered", $"The figure the administration reports: {name}.", unit, precision, periodicity,
            [KpiVariable.Entered("A", name)],
            null);

    /// <summary>A categorical or free-text answer, published as text.</summary>
    private static KpiDefinition Answer(FosStandard s, char letter, string slug, string name) =>
        Item(s, letter, slug, name, InputKind.Questionnaire, FormulaKind.Text, "text answer", $"The administration's answer, as text: {name}", "text", 0, Round,
            [KpiVariable.Entered("A", "the answer (text)")],
            null);
}
