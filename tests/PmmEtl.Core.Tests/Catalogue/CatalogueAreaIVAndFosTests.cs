using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Core.Tests.Catalogue;

/// <summary>
/// Consistency of the area IV, WCO-tool and e-commerce FoS definitions with the register contract and with the
/// source documents' counts (PMM seed 000_…, FoS questionnaire seed 003_…), counted by hand from the seeds.
/// </summary>
public sealed class CatalogueAreaIVAndFosTests
{
    private static IEnumerable<KpiDefinition> Mine =>
        KpiCatalogue.Organisation.Entries.Concat(KpiCatalogue.WcoTools.Entries).Concat(KpiCatalogue.Fos.Entries);

    private static IEnumerable<KpiDefinition> Fos => KpiCatalogue.Fos.Entries;

    private static IEnumerable<KpiDefinition> FosItems => Fos.Where(k => k.Formula != FormulaKind.ImplementationLevel);

    public static TheoryData<string> MyCodes => [.. Mine.Select(k => k.Code)];

    [Theory]
    [MemberData(nameof(MyCodes))]
    public void Every_variable_reads_a_register_field_of_the_right_type(string code)
    {
        KpiDefinition kpi = KpiCatalogue.Find(code)!;
        List<string> problems = [];
        foreach (KpiVariable v in kpi.Variables.Where(v => !v.IsEntered))
        {
            RecordSchema? register = RegisterList.Find(v.Register);
            if (register is null)
            {
                problems.Add($"{v.Name}: no register '{v.Register}'");
                continue;
            }

            CheckAggregate(register, v.Aggregate, $"{v.Name}.aggregate", problems);
            CheckTiming(register, v.Timing, $"{v.Name}.timing", problems);
            if (v.Filter is not null)
            {
                CheckCondition(register, v.Filter, $"{v.Name}.filter", problems);
            }
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(MyCodes))]
    public void Every_breakdown_field_is_a_field_of_at_least_one_variables_register(string code)
    {
        KpiDefinition kpi = KpiCatalogue.Find(code)!;
        RecordSchema[] registers = kpi.Variables.Where(v => !v.IsEntered).Select(v => RegisterList.Get(v.Register)).ToArray();
        foreach (Breakdown b in kpi.Breakdowns)
        {
            if (registers.Length == 0)
            {
                // Questionnaire KPIs (K50/K51 by PMM dimension) break down their answers, not records.
                Assert.Null(b.Field);
                continue;
            }

            Assert.NotNull(b.Field);
            Assert.Contains(registers, r => r.HasField(b.Field!));
        }
    }

    [Theory]
    [MemberData(nameof(MyCodes))]
    public void Variables_follow_the_formula_conventions(string code)
    {
        KpiDefinition kpi = KpiCatalogue.Find(code)!;
        string[] names = kpi.Variables.Select(v => v.Name).ToArray();
        switch (kpi.Formula)
        {
            case FormulaKind.Ratio:
                Assert.Equal(["A", "B"], names);
                Assert.All(kpi.Variables, v => Assert.Equal(0, v.YearOffset));
                break;
            case FormulaKind.Variation:
                Assert.Equal(["A", "B"], names);
                KpiVariable a = kpi.Variable("A"), b = kpi.Variable("B");
                Assert.Equal(0, a.YearOffset);
                Assert.Equal(a with { Name = "B", Description = b.Description, YearOffset = -1 }, b);
                break;
            case FormulaKind.Value or FormulaKind.MeanShare or FormulaKind.Text:
                Assert.Equal(["A"], names);
                break;
            default:
                Assert.Empty(names);
                break;
        }

        Assert.Equal(kpi.Formula == FormulaKind.Checklist, kpi.Items.Count > 0);
        Assert.Equal(kpi.Formula == FormulaKind.MeanShare, kpi.Variables.Any(v => v.Aggregate is MeanOfGroupShare or MeanOfLinkedShare));
    }

    [Fact]
    public void Codes_and_ids_are_unique_across_the_whole_catalogue()
    {
        Assert.Equal(KpiCatalogue.All.Count, KpiCatalogue.All.Select(k => k.Code).Distinct().Count());
        Assert.Equal(KpiCatalogue.All.Count, KpiCatalogue.All.Select(k => k.Id).Distinct().Count());
    }

    [Fact]
    public void Area_IV_holds_K40_to_K49_and_the_tool_kpis_K50_K51()
    {
        Assert.Equal(["K40", "K41", "K42", "K43", "K44", "K45", "K46", "K47", "K48", "K49"], KpiCatalogue.Organisation.Entries.Select(k => k.Code));
        Assert.All(KpiCatalogue.Organisation.Entries, k => Assert.Equal("IV. Organizational Development", k.Area));
        Assert.Equal(["K50", "K51"], KpiCatalogue.WcoTools.Entries.Select(k => k.Code));
        Assert.All(KpiCatalogue.WcoTools.Entries, k => Assert.Equal("KPIs on the awareness and use of the WCO tools", k.Area));
        Assert.All(KpiCatalogue.Organisation.Entries.Concat(KpiCatalogue.WcoTools.Entries), k => Assert.Equal(CatalogueFamily.Pmm, k.Family));
    }

    [Theory]
    [InlineData("K40", "ABCDEFGH")] // steps 1–8 = A–H
    [InlineData("K42", "ABCDFGHI")] // the PMM letters its 8 items without E
    [InlineData("K46", "ABC")]
    [InlineData("K49", "ABCDEF")]
    public void Checklists_have_the_printed_items(string code, string letters)
    {
        KpiDefinition kpi = KpiCatalogue.Find(code)!;
        Assert.Equal(FormulaKind.Checklist, kpi.Formula);
        Assert.Equal(InputKind.Questionnaire, kpi.Input);
        Assert.Equal(letters.Select(c => c.ToString()), kpi.Items.Select(i => i.Code));
        Assert.All(kpi.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Text)));
    }

    [Fact]
    public void K41_divides_by_every_frontline_inspection_officer_counts_competencies_distinct_and_publishes_the_share_assessed()
    {
        KpiDefinition k41 = KpiCatalogue.Find("K41")!;
        Assert.Equal([PeriodType.FinancialYear], k41.Periods);
        Assert.Equal(FormulaKind.MeanShare, k41.Formula);

        // N: the variable's own records are the frontline inspection officers of the staff register employed during the
        // financial year, assessed or not (not the officers assessed, which the competency register would give).
        KpiVariable a = k41.Variable("A");
        Assert.Equal("staff", a.Register);
        Assert.Equal(new ActiveDuringPeriod("employment_start", "employment_end"), a.Timing);
        Assert.Equal(new FieldIsTrue("frontline_inspection", true), a.Filter);
        // X and Y: distinct competencies per officer (the latest assessment in the year of each), not assessment records.
        Assert.Equal(new MeanOfLinkedShare("competency_assessment", "staff_id", "competency_id", "has_gap", "assessed_on"), a.Aggregate);

        // The share of those officers assessed in the year, published as its own row.
        KpiVariant assessed = Assert.Single(k41.Variants);
        Assert.Equal(("assessed_share", FormulaKind.Ratio), (assessed.Name, assessed.Formula));
        KpiVariable officers = assessed.Variables!.Single(v => v.Name == "B");
        Assert.Equal(("staff", new CountDistinct("staff_id"), a.Timing, CatalogueChecks.Canonical(a.Filter)),
            (officers.Register, officers.Aggregate, officers.Timing, CatalogueChecks.Canonical(officers.Filter)));
        Assert.Equal(
            "all(frontline_inspection is True; related competency_assessment by staff_id () timed InPeriod { DateField = assessed_on })",
            CatalogueChecks.Canonical(assessed.Variables!.Single(v => v.Name == "A").Filter));
    }

    [Fact]
    public void K43_counts_staff_employed_during_the_year_and_K44_K47_count_staff_at_year_end()
    {
        var during = new ActiveDuringPeriod("employment_start", "employment_end");
        var atEnd = new ActiveAtPeriodEnd("employment_start", "employment_end");
        Assert.All(KpiCatalogue.Find("K43")!.Variables, v => Assert.Equal(during, v.Timing));
        Assert.All(KpiCatalogue.Find("K44")!.Variables, v => Assert.Equal(atEnd, v.Timing));
        Assert.Equal(atEnd, KpiCatalogue.Find("K47")!.Variable("B").Timing);

        // K43: A is B narrowed to staff with a qualifying course started in the same period.
        KpiVariable a = KpiCatalogue.Find("K43")!.Variable("A");
        RelatedExists training = Assert.IsType<RelatedExists>(a.Filter);
        Assert.Equal(new RelatedExists("training", "staff_id", new FieldIsTrue("counts_as_course", true), new InPeriod("start_on")), training);
    }

    [Fact]
    public void K48_breaks_down_by_the_grade_of_the_person_reported()
    {
        Breakdown grade = KpiCatalogue.Find("K48")!.Breakdowns.Single(b => b.Kind == BreakdownKind.Grade);
        Assert.Equal("reported_grade", grade.Field);
    }

    [Fact]
    public void K50_and_K51_are_questionnaire_scores_published_by_PMM_dimension_to_the_WCO()
    {
        Assert.Equal(FormulaKind.ToolAwareness, KpiCatalogue.Find("K50")!.Formula);
        Assert.Equal(FormulaKind.ToolUse, KpiCatalogue.Find("K51")!.Formula);
        Assert.All(KpiCatalogue.WcoTools.Entries, k =>
        {
            Assert.Empty(k.Variables);
            Assert.Equal(InputKind.Questionnaire, k.Input);
            Assert.Equal(Disclosure.Wco, k.Disclosure);
            Assert.Equal([new Breakdown(BreakdownKind.PmmDimension, Disclosure.Wco)], k.Breakdowns);
        });
    }

    [Fact]
    public void The_fos_questionnaire_has_33_monitoring_indicators_numbered_per_standard()
    {
        // Indicators per Standard, counted in the seed: 1.1–1.4, 2.1–2.2, 3.1, 4.1–4.4, 5.1–5.4, 6.1–6.3, 7.1–7.3,
        // 8.1–8.2, 9.1–9.2, 10.1, 11.1–11.2, 12.1, 13.1, 14.1–14.2, 15.1: 4+2+1+4+4+3+3+2+2+1+2+1+1+2+1 = 33.
        int[] perStandard = [4, 2, 1, 4, 4, 3, 3, 2, 2, 1, 2, 1, 1, 2, 1];
        string[] expected = perStandard.SelectMany((n, s) => Enumerable.Range(1, n).Select(i => $"FOS-{s + 1}.{i}")).ToArray();

        KpiDefinition[] levels = Fos.Where(k => k.Formula == FormulaKind.ImplementationLevel).ToArray();
        Assert.Equal(33, levels.Length);
        Assert.Equal(expected, levels.Select(k => k.Code));
        Assert.All(levels, k =>
        {
            Assert.Equal(InputKind.Questionnaire, k.Input);
            Assert.Equal("level 1–5", k.Unit);
            Assert.Empty(k.Variables);
            Assert.EndsWith("?", k.Name); // the indicator's question
        });
    }

    [Fact]
    public void Fos_entries_know_their_standard_and_indicators_break_down_by_the_capacity_building_questions_of_their_level()
    {
        Assert.All(Fos, k => Assert.Equal(int.Parse(k.Code["FOS-".Length..k.Code.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), k.FosStandard));
        Assert.All(Fos.Where(k => k.Formula == FormulaKind.ImplementationLevel),
            k => Assert.Equal([new Breakdown(BreakdownKind.CapacityBuilding, Disclosure.Wco)], k.Breakdowns));
        Assert.All(FosItems, k => Assert.Contains("Asked, and so required and published, only where the Standard is implemented fully or partially", k.Decision, StringComparison.Ordinal));

        // The questionnaire's bullets per level: 1, 2, 3, 4 and 2 questions, coded by level and order.
        Assert.Equal(["1a", "2a", "2b", "3a", "3b", "3c", "4a", "4b", "4c", "4d", "5a", "5b"], KpiCatalogue.FosCapacityBuildingQuestions.Select(q => q.Code));
        Assert.All(KpiCatalogue.FosCapacityBuildingQuestions, q => Assert.Equal(q.Code[0] - '0', q.Level));
        Assert.Equal(["3b", "4c"], KpiCatalogue.FosCapacityBuildingQuestions.Where(q => q.YesNo).Select(q => q.Code));
        Assert.Equal(["3c:3b", "4d:4c"], KpiCatalogue.FosCapacityBuildingQuestions.Where(q => q.AskedIfYesTo is not null).Select(q => $"{q.Code}:{q.AskedIfYesTo}"));
        Assert.Equal("Why has your country decided not to implement this Standard?", KpiCatalogue.FosCapacityBuildingQuestions[0].Text);
        // "Implemented (whether fully or partially)": level 4 (finalising) or 5 (complete).
        Assert.Equal(4, KpiCatalogue.FosAdditionalInformationLevel);
    }

    [Fact]
    public void The_fos_questionnaire_has_35_additional_items_lettered_per_standard()
    {
        // Items per Standard, counted in the seed's "Additional Information" tables:
        // 2+2+1+4+5+3+4+3+1+1+2+2+2+1+2 = 35. The catalogue says 34: it lists one Standard 15 item where the seed
        // has two ("Details of new … implemented" and "Details of … tested and/or trialled").
        int[] perStandard = [2, 2, 1, 4, 5, 3, 4, 3, 1, 1, 2, 2, 2, 1, 2];
        string[] expected = perStandard.SelectMany((n, s) => Enumerable.Range(0, n).Select(i => $"FOS-{s + 1}.{(char)('A' + i)}")).ToArray();

        Assert.Equal(35, FosItems.Count());
        Assert.Equal(expected, FosItems.Select(k => k.Code));
    }

    [Fact]
    public void Fos_items_split_16_T_2_T_reg_9_A_and_8_text_as_the_seed_gives_them()
    {
        // T: S1 2, S4 4, S5 5, S7 3, S8 1, S10 1 = 16. T-reg: S6 2. A: S2 1, S6 1, S8 1, S11 2, S12 2, S13 2 = 9.
        // Q/txt: S2, S3, S7, S8, S9, S14 one each + S15 two = 8 (the catalogue's 7 misses the second S15 item).
        KpiDefinition[] t = FosItems.Where(k => k.Input == InputKind.Transactional && k.Variables.All(v => v.Register is "shipment" or "seizure")).ToArray();
        KpiDefinition[] tReg = FosItems.Where(k => k.Input == InputKind.Transactional && k.Variables.All(v => v.Register == "aeo_authorisation")).ToArray();
        KpiDefinition[] entered = FosItems.Where(k => k.Input == InputKind.Aggregate).ToArray();
        KpiDefinition[] text = FosItems.Where(k => k.Formula == FormulaKind.Text).ToArray();

        Assert.Equal(16, t.Length);
        Assert.Equal(["FOS-6.A", "FOS-6.B"], tReg.Select(k => k.Code));
        Assert.Equal(9, entered.Length);
        Assert.Equal(8, text.Length);
        Assert.Equal(FosItems.Count(), t.Length + tReg.Length + entered.Length + text.Length);

        Assert.All(entered, k =>
        {
            Assert.Equal(FormulaKind.Value, k.Formula);
            Assert.True(Assert.Single(k.Variables).IsEntered);
        });
        Assert.All(text, k =>
        {
            Assert.Equal(InputKind.Questionnaire, k.Input);
            Assert.True(Assert.Single(k.Variables).IsEntered);
        });
    }

    [Fact]
    public void Every_fos_entry_is_in_the_fos_family_under_its_standard_and_disclosed_to_the_wco()
    {
        Assert.All(Fos, k =>
        {
            Assert.Equal(CatalogueFamily.Fos, k.Family);
            Assert.Equal(Disclosure.Wco, k.Disclosure);
            int standard = int.Parse(k.Code["FOS-".Length..k.Code.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"E-commerce FoS Standard {standard} – ", k.Area, StringComparison.Ordinal);
        });
        Assert.Equal(15, Fos.Select(k => k.Area).Distinct().Count());
    }

    [Fact]
    public void Fos_shipment_shares_count_a_subset_of_their_denominator()
    {
        // A of every e-commerce shipment share is B narrowed further (A ⊆ B), so a share never exceeds 100 %.
        foreach (KpiDefinition k in FosItems.Where(k => k.Formula == FormulaKind.Ratio && k.Variables.All(v => v.Register == "shipment")
                                                           && k.Variable("B").Filter is not null))
        {
            KpiVariable a = k.Variable("A"), b = k.Variable("B");
            AllOf filter = Assert.IsType<AllOf>(a.Filter);
            Assert.Equal(b.Filter, filter.Parts[0]);
            Assert.Equal(b.Aggregate, a.Aggregate);
            Assert.Equal(b.Timing, a.Timing);
        }
    }

    [Fact]
    public void The_immediate_release_item_applies_K12s_rule_and_the_clearance_time_item_K13s_population()
    {
        AllOf released = Assert.IsType<AllOf>(KpiCatalogue.Find("FOS-5.C")!.Variable("A").Filter);
        AllOf rule = Assert.IsType<AllOf>(released.Parts[1]);
        Assert.Equal<RecordCondition>(
            [new FieldIsTrue("immediate_release", true), new NotCondition(new FieldIsTrue("physical_exam", true)), new NotCondition(new FieldIsTrue("nii", true))],
            rule.Parts.Take(3));
        // A PHY or NII inspection of the shipment, where the source gives the inspection register, also rules it out.
        RelatedExists inspected = Assert.IsType<RelatedExists>(Assert.IsType<NotCondition>(rule.Parts[3]).Inner);
        Assert.Equal(("inspection", "shipment_id", true), (inspected.Register, inspected.Link, inspected.WhereGiven));
        Assert.Equal(new FieldIn("inspection_type", ["PHYSICAL", "NII"]), inspected.Filter!, ConditionComparer.Instance);
        // K12 counts on shipments with the very same rule, so the PMM and FoS figures agree.
        Assert.Equal(rule.Parts, Assert.IsType<AllOf>(KpiCatalogue.Find("K12")!.Measure!.Numerator).Parts, ConditionComparer.Instance);

        KpiVariable time = KpiCatalogue.Find("FOS-5.B")!.Variable("A");
        Assert.Equal(new Mean("clearance_minutes"), time.Aggregate);
        AllOf lowRisk = Assert.IsType<AllOf>(time.Filter);
        Assert.Contains(new FieldIn("risk_level", ["LOW"]), lowRisk.Parts, ConditionComparer.Instance);
    }

    // ---- minimal checks of a variable against its register ----

    private static void CheckField(RecordSchema register, string field, string where, List<string> problems, params FieldType[] types)
    {
        if (!register.HasField(field))
        {
            problems.Add($"{where}: register '{register.Name}' has no field '{field}'");
        }
        else if (types.Length > 0 && !types.Contains(register.Field(field).Type))
        {
            problems.Add($"{where}: {register.Name}.{field} is {register.Field(field).Type}, expected {string.Join(" or ", types)}");
        }
    }

    private static void CheckAggregate(RecordSchema register, RecordAggregate aggregate, string where, List<string> problems)
    {
        switch (aggregate)
        {
            case CountDistinct d:
                CheckField(register, d.Field, where, problems);
                break;
            case Sum s:
                CheckField(register, s.Field, where, problems, FieldType.Number, FieldType.Integer);
                break;
            case Mean m:
                CheckField(register, m.Field, where, problems, FieldType.Number, FieldType.Integer);
                break;
            case MeanOfGroupShare g:
                CheckField(register, g.GroupField, where, problems);
                CheckField(register, g.FlagField, where, problems, FieldType.Bool);
                break;
        }
    }

    private static void CheckTiming(RecordSchema register, RecordTiming timing, string where, List<string> problems)
    {
        switch (timing)
        {
            case InPeriod p:
                CheckField(register, p.DateField, where, problems, FieldType.Date);
                break;
            case ActiveAtPeriodEnd e:
                CheckField(register, e.FromField, where, problems, FieldType.Date);
                CheckField(register, e.ToField, where, problems, FieldType.Date);
                break;
            case ActiveDuringPeriod d:
                CheckField(register, d.FromField, where, problems, FieldType.Date);
                CheckField(register, d.ToField, where, problems, FieldType.Date);
                break;
        }
    }

    private static void CheckCondition(RecordSchema register, RecordCondition condition, string where, List<string> problems)
    {
        switch (condition)
        {
            case FieldIn f:
                CheckField(register, f.Field, where, problems);
                if (register.HasField(f.Field) && register.Field(f.Field).Codes is { } codes)
                {
                    problems.AddRange(f.Values.Where(v => !codes.Contains(v)).Select(v => $"{where}: '{v}' is not a code of {register.Name}.{f.Field}"));
                }

                break;
            case FieldIsTrue t:
                CheckField(register, t.Field, where, problems, FieldType.Bool);
                break;
            case FieldPresent p:
                CheckField(register, p.Field, where, problems);
                break;
            case AllOf all:
                all.Parts.ToList().ForEach(p => CheckCondition(register, p, where, problems));
                break;
            case AnyOf any:
                any.Parts.ToList().ForEach(p => CheckCondition(register, p, where, problems));
                break;
            case NotCondition not:
                CheckCondition(register, not.Inner, where, problems);
                break;
            case SeizureHasCategory:
                if (register.Name != "seizure")
                {
                    problems.Add($"{where}: HasItemIn on register '{register.Name}' (seizure only)");
                }

                break;
            case RelatedExists r:
                CheckField(register, r.Link, where, problems);
                if (RegisterList.Find(r.Register) is not { } related)
                {
                    problems.Add($"{where}: no related register '{r.Register}'");
                    break;
                }

                CheckField(related, r.Link, $"{where} → {r.Register}", problems);
                if (r.Filter is not null)
                {
                    CheckCondition(related, r.Filter, $"{where} → {r.Register}", problems);
                }

                if (r.SamePeriod is not null)
                {
                    CheckTiming(related, r.SamePeriod, $"{where} → {r.Register}", problems);
                }

                break;
        }
    }

    /// <summary>Records holding lists compare them by reference; conditions are compared by their printed form here.</summary>
    private sealed class ConditionComparer : IEqualityComparer<RecordCondition>
    {
        public static ConditionComparer Instance { get; } = new();

        public bool Equals(RecordCondition? x, RecordCondition? y) => Describe(x) == Describe(y);

        public int GetHashCode(RecordCondition obj) => Describe(obj).GetHashCode(StringComparison.Ordinal);

        private static string Describe(RecordCondition? c) => c switch
        {
            FieldIn f => $"{f.Field} in ({string.Join(",", f.Values)})",
            null => "",
            _ => c.ToString(),
        };
    }
}
