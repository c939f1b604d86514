using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Tests.Catalogue;

/// <summary>
/// Consistency of the area III definitions (K21–K39) with the register contract and with the shared rules of
/// the hit-rate and variation cards. The expected codes, ids, names and categories are typed from the PMM text
/// (shared/seeds/000_…), not read from the catalogue.
/// </summary>
public sealed class CatalogueAreaIIITests
{
    private static IReadOnlyList<KpiDefinition> Area => KpiCatalogue.Enforcement.Entries;

    private static KpiDefinition Kpi(string code) => Area.Single(k => k.Code == code);

    // From the card names: which PMM seizure category each KPI counts.
    public static TheoryData<string, string> HitRates => new()
    {
        { "K25", SeizureCategories.Alcohol },
        { "K26", SeizureCategories.Cigarettes },
        { "K27", SeizureCategories.CulturalGoods },
        { "K29", SeizureCategories.FoodstuffsConsumerGoods },
        { "K31", SeizureCategories.Ipr },
        { "K33", SeizureCategories.Drugs },
        { "K35", SeizureCategories.Environmental },
        { "K37", SeizureCategories.Firearms },
    };

    public static TheoryData<string, string> Variations => new()
    {
        { "K23", SeizureCategories.Alcohol },
        { "K24", SeizureCategories.Cigarettes },
        { "K28", SeizureCategories.CulturalGoods },
        { "K30", SeizureCategories.FoodstuffsConsumerGoods },
        { "K32", SeizureCategories.Ipr },
        { "K34", SeizureCategories.Drugs },
        { "K36", SeizureCategories.Environmental },
        { "K38", SeizureCategories.Firearms },
        { "K39", SeizureCategories.FinancialInstruments },
    };

    private static readonly string[] HitRateCodes = ["K25", "K26", "K27", "K29", "K31", "K33", "K35", "K37"];
    private static readonly string[] VariationCodes = ["K23", "K24", "K28", "K30", "K32", "K34", "K36", "K38", "K39"];

    [Fact]
    public void Codes_K21_to_K39_are_all_present_once_in_document_order()
    {
        string[] expected = [.. Enumerable.Range(21, 19).Select(n => $"K{n}")];
        Assert.Equal(expected, Area.Select(k => k.Code));
        Assert.Equal(Area.Count, Area.Select(k => k.Id).Distinct().Count());
        Assert.All(Area, k => Assert.Same(k, KpiCatalogue.Find(k.Code)));
        Assert.All(Area, k => Assert.Equal("III. Enforcement, Security and Protection of Society", k.Area));
    }

    [Theory]
    [InlineData("K21", "risk_profile_inspection_ratio", "Ratio of inspections carried out on the basis of risk profiles versus the total number of inspections")]
    [InlineData("K22", "risk_management_maturity", "Degree of maturity of risk management on goods and passengers")]
    [InlineData("K23", "alcohol_seizure_variation", "Variation in the number of alcohol seizures")]
    [InlineData("K24", "cigarette_seizure_variation", "Variation in the number of cigarettes seizures")]
    [InlineData("K25", "alcohol_control_hit_rate", "Effectiveness of controls on alcohol")]
    [InlineData("K26", "cigarette_control_hit_rate", "Effectiveness of controls on cigarettes")]
    [InlineData("K27", "cultural_goods_control_hit_rate", "Effectiveness of controls on cultural goods")]
    [InlineData("K28", "cultural_goods_seizure_variation", "Variation in the number of seizures of illicitly trafficked cultural goods")]
    [InlineData("K29", "foodstuff_consumer_goods_control_hit_rate", "Effectiveness of controls on foodstuffs and consumer goods")]
    [InlineData("K30", "foodstuff_consumer_goods_seizure_variation", "Variation in the number of seizures of foodstuffs and consumer goods")]
    [InlineData("K31", "ipr_control_hit_rate", "Effectiveness of IPR controls")]
    [InlineData("K32", "ipr_seizure_variation", "Variation in the number of IPR seizures")]
    [InlineData("K33", "drugs_control_hit_rate", "Effectiveness of controls on drugs")]
    [InlineData("K34", "drugs_seizure_variation", "Variation in the number of drugs seizures")]
    [InlineData("K35", "environmental_goods_control_hit_rate", "Effectiveness of controls on environmentally sensitive goods")]
    [InlineData("K36", "environmental_goods_seizure_variation", "Variation in the number of seizures of environmentally sensitive goods")]
    [InlineData("K37", "firearms_control_hit_rate", "Effectiveness of controls on firearms, essential components, ammunition and explosives")]
    [InlineData("K38", "firearms_seizure_variation", "Variation in the number of seizures of firearms, essential components, ammunition and explosives")]
    [InlineData("K39", "financial_instruments_seizure_variation", "Variation in the number of seizures of financial instruments")]
    public void Id_and_name_are_the_catalogue_id_and_the_exact_PMM_name(string code, string id, string name)
    {
        KpiDefinition k = Kpi(code);
        Assert.Equal(id, k.Id);
        Assert.Equal(name, k.Name);
        Assert.False(string.IsNullOrWhiteSpace(k.Decision));
    }

    [Fact]
    public void Every_variable_reads_an_existing_register_and_names_only_its_fields()
    {
        List<string> problems = [];
        foreach (KpiDefinition k in Area)
        {
            IEnumerable<(string Where, KpiVariable V)> all = k.Variables.Select(v => (k.Code, v))
                .Concat(k.Variants.SelectMany(x => (x.Variables ?? []).Select(v => ($"{k.Code}/{x.Name}", v))));
            foreach ((string where, KpiVariable v) in all)
            {
                problems.AddRange(RegisterChecks.Variable(v).Select(p => $"{where}.{v.Name}: {p}"));
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_breakdown_of_a_record_KPI_names_a_field_of_the_register_of_A()
    {
        foreach (KpiDefinition k in Area.Where(k => k.Variables.Count > 0))
        {
            RecordSchema a = PmmEtl.Core.Records.RecordTypes.Get(k.Variable("A").Register);
            Assert.All(k.Breakdowns, b => Assert.True(b.Field is not null && a.HasField(b.Field), $"{k.Code} {b.Kind}: '{b.Field}' is not a field of {a.Name}"));
        }
    }

    [Fact]
    public void The_eight_hit_rates_share_one_B()
    {
        string[] bs = [.. HitRateCodes.Select(c => Canon.Of(Kpi(c).Variable("B")))];
        Assert.Single(bs.Distinct());

        // B by hand: physical inspections of goods and passengers performed by Customs or jointly, dated by inspection date.
        Assert.Equal(
            "inspection|CountDistinct { Field = inspection_id }|InPeriod { DateField = inspection_date }|all(inspection_type in [PHYSICAL], object_type in [GOODS,PASSENGER], performed_by in [CUSTOMS,JOINT])|0",
            bs[0]);

        // The per-inspection variant divides by the very same B.
        Assert.All(HitRateCodes, c => Assert.Equal(bs[0], Canon.Of(Kpi(c).Variants.Single(v => v.Name == "per_inspection").Variables!.Single(v => v.Name == "B"))));
    }

    [Theory]
    [MemberData(nameof(HitRates))]
    public void A_hit_rate_counts_seizure_cases_of_its_own_category_by_Customs_over_physical_inspections(string code, string category)
    {
        KpiDefinition k = Kpi(code);
        Assert.Equal(FormulaKind.Ratio, k.Formula);
        Assert.Equal(["A", "B"], k.Variables.Select(v => v.Name));
        Assert.Equal(
            $"seizure|CountDistinct {{ Field = seizure_id }}|InPeriod {{ DateField = seizure_date }}|all(item in {category}, performed_by in [CUSTOMS,JOINT])|0",
            Canon.Of(k.Variable("A")));
        Assert.Equal(Disclosure.National, k.Disclosure);
        Assert.All(k.Breakdowns, b => Assert.Equal(Disclosure.National, b.Disclosure));
        Assert.Equal([BreakdownKind.ModeOfTransport, BreakdownKind.ObjectType, BreakdownKind.Office], k.Breakdowns.Select(b => b.Kind));
        Assert.Equal([PeriodType.Year], k.Periods);
    }

    [Theory]
    [MemberData(nameof(Variations))]
    public void A_variation_has_B_equal_to_A_a_year_earlier(string code, string category)
    {
        KpiDefinition k = Kpi(code);
        Assert.Equal(FormulaKind.Variation, k.Formula);
        Assert.Equal(["A", "B"], k.Variables.Select(v => v.Name));
        KpiVariable a = k.Variable("A");
        KpiVariable b = k.Variable("B");
        Assert.Equal(0, a.YearOffset);
        Assert.Equal(-1, b.YearOffset);
        Assert.Equal(Canon.Of(a with { YearOffset = -1 }), Canon.Of(b));

        string passengerControl = code == "K39" ? ", via_passenger_control is true" : "";
        Assert.Equal(
            $"seizure|CountDistinct {{ Field = seizure_id }}|InPeriod {{ DateField = seizure_date }}|all(item in {category}, performed_by in [CUSTOMS,JOINT]{passengerControl})|0",
            Canon.Of(a));
        Assert.Equal(Disclosure.Public, k.Disclosure);
        Assert.All(k.Breakdowns, br => Assert.Equal(Disclosure.National, br.Disclosure));
        Assert.Contains(k.Breakdowns, br => br.Kind == BreakdownKind.ModeOfTransport);
    }

    [Fact]
    public void Goods_or_passengers_breaks_down_the_variations_whose_cards_list_it()
    {
        // K23, K24: 'Mode of transport:' only; K39: mode only (all passenger controls); K36 and K38 inferred from their siblings.
        string[] expected = ["K28", "K30", "K32", "K34", "K36", "K38"];
        Assert.Equal(expected, VariationCodes.Where(c => Kpi(c).Breakdowns.Any(b => b.Kind == BreakdownKind.ObjectType)));
    }

    [Fact]
    public void K21_is_the_risk_profile_share_and_keeps_the_printed_formula_as_a_variant()
    {
        KpiDefinition k = Kpi("K21");
        Assert.Equal(FormulaKind.ShareOfTotal, k.Formula);
        Assert.Equal("((A+B)/B)*100", k.PrintedFormula);
        KpiVariant printed = Assert.Single(k.Variants);
        Assert.Equal("as_printed", printed.Name);
        Assert.Equal(FormulaKind.TotalOverB, printed.Formula);
        Assert.Null(printed.Variables);
        Assert.Equal([PeriodType.Quarter, PeriodType.Year], k.Periods);
        Assert.Equal(Disclosure.Wco, k.Disclosure);

        // A and B split all inspections by selection source, whatever the inspection type or who performed it.
        Assert.Equal("inspection|CountDistinct { Field = inspection_id }|InPeriod { DateField = inspection_date }|selection_source in [RISK_PROFILE]|0", Canon.Of(k.Variable("A")));
        Assert.Equal("inspection|CountDistinct { Field = inspection_id }|InPeriod { DateField = inspection_date }|selection_source in [RANDOM,OFFICER,TIP,OTHER_LEA]|0", Canon.Of(k.Variable("B")));
        string[] sources = [.. PmmEtl.Core.Records.RecordTypes.Inspection.Field("selection_source").Codes!];
        Assert.Equal(sources.Order(), new[] { "RISK_PROFILE", "RANDOM", "OFFICER", "TIP", "OTHER_LEA" }.Order());

        Assert.Equal(Disclosure.Wco, k.Breakdowns.Single(b => b.Kind == BreakdownKind.Direction).Disclosure);
        Assert.Equal(Disclosure.Wco, k.Breakdowns.Single(b => b.Kind == BreakdownKind.ModeOfTransport).Disclosure);
    }

    [Fact]
    public void K22_has_the_17_printed_items_with_placeholders_for_the_lost_A_to_H()
    {
        KpiDefinition k = Kpi("K22");
        Assert.Equal(FormulaKind.Checklist, k.Formula);
        Assert.Equal(InputKind.Questionnaire, k.Input);
        Assert.Empty(k.Variables);
        Assert.Equal([.. "ABCDEFGHIJKLMNOPQ".Select(c => c.ToString())], k.Items.Select(i => i.Code));
        Assert.All(k.Items.Take(8), i => Assert.Null(i.Scope));
        Assert.All(k.Items.Take(8), i => Assert.Contains("lost", i.Text));
        // I, K, L, N, P are about goods; J, M, O, Q about passengers (typed from the PMM text).
        Assert.Equal(["goods", "passengers", "goods", "goods", "passengers", "goods", "passengers", "goods", "passengers"], k.Items.Skip(8).Select(i => i.Scope));
        Assert.Empty(k.Breakdowns);
    }

    /// <summary>A structural rendering of a variable without its name and description (records holding lists compare lists by reference).</summary>
    private static class Canon
    {
        public static string Of(KpiVariable v) => $"{v.Register}|{v.Aggregate}|{v.Timing}|{(v.Filter is null ? "-" : Of(v.Filter))}|{v.YearOffset}";

        public static string Of(RecordCondition c) => c switch
        {
            FieldIn f => $"{f.Field} in [{string.Join(",", f.Values)}]",
            FieldIsTrue t => $"{t.Field} is {(t.Value ? "true" : "false")}",
            FieldPresent p => $"{p.Field} present",
            AllOf all => $"all({string.Join(", ", all.Parts.Select(Of))})",
            AnyOf any => $"any({string.Join(", ", any.Parts.Select(Of))})",
            NotCondition n => $"not({Of(n.Inner)})",
            SeizureHasCategory s => $"item in {s.Category}",
            RelatedExists r => $"related({r.Register}.{r.Link}: {(r.Filter is null ? "-" : Of(r.Filter))}, {r.SamePeriod?.ToString() ?? "any time"})",
            _ => throw new InvalidOperationException($"unknown condition {c}"),
        };
    }

    /// <summary>Checks a variable against the register contract (the lead folds these into the shared CatalogueChecks).</summary>
    private static class RegisterChecks
    {
        public static IEnumerable<string> Variable(KpiVariable v)
        {
            if (v.IsEntered)
            {
                yield break;
            }

            RecordSchema? r = PmmEtl.Core.Records.RecordTypes.Find(v.Register);
            if (r is null)
            {
                yield return $"no register '{v.Register}'";
                yield break;
            }

            IEnumerable<string> aggregate = v.Aggregate switch
            {
                CountRows => [],
                CountDistinct d => Field(r, d.Field),
                Sum s => Field(r, s.Field, FieldType.Number, FieldType.Integer),
                Mean m => Field(r, m.Field, FieldType.Number, FieldType.Integer),
                MeanOfGroupShare g => [.. Field(r, g.GroupField), .. Field(r, g.FlagField, FieldType.Bool)],
                _ => [$"unknown aggregate {v.Aggregate}"],
            };
            foreach (string p in aggregate.Concat(Timing(r, v.Timing)).Concat(v.Filter is null ? [] : Condition(r, v.Filter)))
            {
                yield return p;
            }
        }

        private static IEnumerable<string> Timing(RecordSchema r, RecordTiming t) => t switch
        {
            Unfiltered => [],
            InPeriod p => Field(r, p.DateField, FieldType.Date),
            ActiveAtPeriodEnd e => [.. Field(r, e.FromField, FieldType.Date), .. Field(r, e.ToField, FieldType.Date)],
            ActiveDuringPeriod d => [.. Field(r, d.FromField, FieldType.Date), .. Field(r, d.ToField, FieldType.Date)],
            _ => [$"unknown timing {t}"],
        };

        private static IEnumerable<string> Condition(RecordSchema r, RecordCondition c)
        {
            switch (c)
            {
                case FieldIn f:
                    foreach (string p in Field(r, f.Field))
                    {
                        yield return p;
                    }

                    if (r.HasField(f.Field) && r.Field(f.Field).Codes is { } codes)
                    {
                        foreach (string value in f.Values.Where(x => !codes.Contains(x)))
                        {
                            yield return $"{r.Name}.{f.Field} has no code '{value}'";
                        }
                    }

                    break;
                case FieldIsTrue t:
                    foreach (string p in Field(r, t.Field, FieldType.Bool))
                    {
                        yield return p;
                    }

                    break;
                case FieldPresent p:
                    foreach (string q in Field(r, p.Field))
                    {
                        yield return q;
                    }

                    break;
                case AllOf all:
                    foreach (string p in all.Parts.SelectMany(x => Condition(r, x)))
                    {
                        yield return p;
                    }

                    break;
                case AnyOf any:
                    foreach (string p in any.Parts.SelectMany(x => Condition(r, x)))
                    {
                        yield return p;
                    }

                    break;
                case NotCondition n:
                    foreach (string p in Condition(r, n.Inner))
                    {
                        yield return p;
                    }

                    break;
                case SeizureHasCategory s:
                    if (r.Name != PmmEtl.Core.Records.RecordTypes.Seizure.Name)
                    {
                        yield return $"HasItemIn on register '{r.Name}' (seizure only)";
                    }

                    if (!SeizureCategories.All.Contains(s.Category))
                    {
                        yield return $"unknown seizure category '{s.Category}'";
                    }

                    break;
                case RelatedExists rel:
                    RecordSchema? other = PmmEtl.Core.Records.RecordTypes.Find(rel.Register);
                    if (other is null)
                    {
                        yield return $"no related register '{rel.Register}'";
                        break;
                    }

                    foreach (string p in Field(r, rel.Link).Concat(Field(other, rel.Link))
                                 .Concat(rel.Filter is null ? [] : Condition(other, rel.Filter))
                                 .Concat(rel.SamePeriod is null ? [] : Timing(other, rel.SamePeriod)))
                    {
                        yield return p;
                    }

                    break;
                default:
                    yield return $"unknown condition {c}";
                    break;
            }
        }

        private static IEnumerable<string> Field(RecordSchema r, string name, params FieldType[] types)
        {
            if (!r.HasField(name))
            {
                yield return $"{r.Name} has no field '{name}'";
            }
            else if (types.Length > 0 && !types.Contains(r.Field(name).Type))
            {
                yield return $"{r.Name}.{name} is {r.Field(name).Type}, not {string.Join(" or ", types)}";
            }
        }
    }
}
