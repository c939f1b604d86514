using System.Text.RegularExpressions;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Core.Tests.Catalogue;

/// <summary>
/// Checks catalogue definitions against the register contract and the formula conventions, and returns every
/// problem as a sentence naming the KPI, so one failing test lists all of them. Shared by the catalogue tests of
/// every area: a variable that names a field its register lacks, or a code value the field cannot hold, would
/// otherwise only show up as a silent zero in a warehouse run.
/// </summary>
public static partial class CatalogueChecks
{
    /// <summary>Every problem of the given definitions, one by one and across them (duplicate codes and ids).</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<KpiDefinition> kpis)
    {
        List<KpiDefinition> list = [.. kpis];
        return [.. list.SelectMany(Problems), .. DuplicateIdentities(list)];
    }

    /// <summary>Codes and ids used by more than one definition (<see cref="KpiCatalogue.Find"/> ignores case, so do these).</summary>
    public static IReadOnlyList<string> DuplicateIdentities(IEnumerable<KpiDefinition> kpis)
    {
        List<KpiDefinition> list = [.. kpis];
        return
        [
            .. Duplicates(list.Select(k => k.Code), StringComparer.OrdinalIgnoreCase).Select(c => $"code {c} is used more than once"),
            .. Duplicates(list.Select(k => k.Id), StringComparer.OrdinalIgnoreCase).Select(i => $"id {i} is used more than once"),
        ];
    }

    /// <summary>Every problem of one definition.</summary>
    public static IReadOnlyList<string> Problems(KpiDefinition kpi)
    {
        var found = new Found(kpi.Code);
        CheckIdentity(kpi, found);
        CheckItems(kpi, found);
        if (!kpi.IsPopulationKpi)
        {
            CheckVariableSet(kpi.Formula, kpi.Variables, found.In("variables"));
            foreach (KpiVariable v in kpi.Variables)
            {
                CheckVariable(v, found.In($"variable {v.Name}"));
            }

            CheckBreakdownFields(kpi, found);
        }

        foreach (KpiVariant variant in kpi.Variants)
        {
            CheckVariant(kpi, variant, found.In($"variant {variant.Name}"));
        }

        return found.Messages;
    }

    private static void CheckIdentity(KpiDefinition kpi, Found found)
    {
        if (!SnakeCase().IsMatch(kpi.Id))
        {
            found.Add($"id '{kpi.Id}' is not snake_case");
        }

        if (kpi.Periods.Count == 0)
        {
            found.Add("has no period");
        }

        foreach (PeriodType p in Duplicates(kpi.Periods, EqualityComparer<PeriodType>.Default))
        {
            found.Add($"period {p} is listed more than once");
        }

        foreach (BreakdownKind b in Duplicates(kpi.Breakdowns.Select(b => b.Kind), EqualityComparer<BreakdownKind>.Default))
        {
            found.Add($"breakdown {b} is listed more than once");
        }

        foreach (string v in Duplicates(kpi.Variants.Select(v => v.Name), StringComparer.Ordinal))
        {
            found.Add($"variant {v} is listed more than once");
        }
    }

    private static void CheckItems(KpiDefinition kpi, Found found)
    {
        if (kpi.Formula == FormulaKind.Checklist && kpi.Items.Count == 0)
        {
            found.Add("is a checklist without items");
        }

        foreach (ChecklistItem item in kpi.Items.Where(i => string.IsNullOrWhiteSpace(i.Code) || string.IsNullOrWhiteSpace(i.Text)))
        {
            found.Add($"item '{item.Code}' has no code or no text");
        }

        foreach (string code in Duplicates(kpi.Items.Select(i => i.Code), StringComparer.OrdinalIgnoreCase))
        {
            found.Add($"item {code} is listed more than once");
        }

        foreach (string text in Duplicates(kpi.Items.Select(i => i.Text), StringComparer.Ordinal))
        {
            found.Add($"item text '{text}' is listed more than once");
        }
    }

    private static void CheckVariant(KpiDefinition kpi, KpiVariant variant, Found found)
    {
        if (!SnakeCase().IsMatch(variant.Name))
        {
            found.Add("name is not snake_case");
        }

        if (variant.Formula is null && variant.Variables is null)
        {
            return;
        }

        // A variant that reapplies the KPI's own variables may leave some of them unused (the printed count of K08 is A alone).
        IReadOnlyList<KpiVariable> variables = variant.Variables ?? kpi.Variables;
        CheckVariableSet(variant.Formula ?? kpi.Formula, variables, found, allowUnused: variant.Variables is null);
        foreach (KpiVariable v in variant.Variables ?? [])
        {
            CheckVariable(v, found.In($"variable {v.Name}"));
        }
    }

    /// <summary>The names and year offsets the formula conventions give each formula kind (the brief's "Formula conventions").</summary>
    private static void CheckVariableSet(FormulaKind formula, IReadOnlyList<KpiVariable> variables, Found found, bool allowUnused = false)
    {
        foreach (string name in Duplicates(variables.Select(v => v.Name), StringComparer.Ordinal))
        {
            found.Add($"variable {name} is defined more than once");
        }

        (string Name, int Offset)[]? expected = formula switch
        {
            FormulaKind.Ratio or FormulaKind.ShareOfTotal or FormulaKind.TotalOverB => [("A", 0), ("B", 0)],
            FormulaKind.Variation => [("A", 0), ("B", -1)],
            FormulaKind.ThreeYearShare => [("A", 0), ("B", 0), ("B1", -1), ("B2", -2)],
            FormulaKind.MeanShare or FormulaKind.Value => [("A", 0)],
            FormulaKind.Checklist or FormulaKind.ImplementationLevel or FormulaKind.ToolAwareness or FormulaKind.ToolUse => [],
            // A text answer may come with an entered A or with nothing (the questionnaire gives it).
            FormulaKind.Text => variables.Count == 0 ? [] : [("A", 0)],
            _ => null,
        };
        if (expected is null)
        {
            found.Add($"formula {formula} cannot be computed from variables (declaration fact only)");
            return;
        }

        string want = string.Join(", ", expected.Select(e => $"{e.Name}@{e.Offset}"));
        string have = string.Join(", ", variables.Select(v => $"{v.Name}@{v.YearOffset}"));
        HashSet<(string, int)> needed = [.. expected.Select(e => (e.Name, e.Offset))];
        HashSet<(string, int)> given = [.. variables.Select(v => (v.Name, v.YearOffset))];
        bool matches = allowUnused ? needed.IsSubsetOf(given) : needed.SetEquals(given) && expected.Length == variables.Count;
        if (!matches)
        {
            found.Add($"formula {formula} needs variables [{want}] (name@year offset), has [{have}]");
            return;
        }

        variables = [.. variables.Where(v => needed.Contains((v.Name, v.YearOffset)))];

        // A variation compares one count across two years, the three-year share one total across three years:
        // the variables may differ only in their year offset (and wording).
        if (formula == FormulaKind.Variation)
        {
            SameDefinition(variables.Single(v => v.Name == "A"), variables.Single(v => v.Name == "B"), found);
        }
        else if (formula == FormulaKind.ThreeYearShare)
        {
            KpiVariable b = variables.Single(v => v.Name == "B");
            SameDefinition(b, variables.Single(v => v.Name == "B1"), found);
            SameDefinition(b, variables.Single(v => v.Name == "B2"), found);
        }
        else if (formula == FormulaKind.MeanShare)
        {
            KpiVariable a = variables.Single(v => v.Name == "A");
            if (!a.IsEntered && a.Aggregate is not (MeanOfGroupShare or MeanOfLinkedShare))
            {
                found.Add("formula MeanShare needs A to be a MeanShare aggregate");
            }
        }
    }

    private static void SameDefinition(KpiVariable first, KpiVariable other, Found found)
    {
        if (first.Register != other.Register || first.Aggregate != other.Aggregate || first.Timing != other.Timing
            || Canonical(first.Filter) != Canonical(other.Filter))
        {
            found.Add($"variable {other.Name} must be variable {first.Name} shifted in time (same register, aggregate, timing and filter)");
        }
    }

    /// <summary>
    /// A condition as text, compared by content: records compare their list members by reference, so two filters
    /// built alike would not be equal.
    /// </summary>
    public static string Canonical(RecordCondition? condition) => condition switch
    {
        null => "",
        FieldIn f => $"{f.Field} in ({string.Join(",", f.Values)})",
        FieldIsTrue t => $"{t.Field} is {t.Value}",
        FieldPresent p => $"{p.Field} present",
        AllOf all => $"all({string.Join("; ", all.Parts.Select(Canonical))})",
        AnyOf any => $"any({string.Join("; ", any.Parts.Select(Canonical))})",
        NotCondition not => $"not({Canonical(not.Inner)})",
        SeizureHasCategory c => $"has item in {c.Category}",
        RelatedExists r => $"related {r.Register} by {r.Link} ({Canonical(r.Filter)}) timed {r.SamePeriod}",
        _ => condition.ToString(),
    };

    private static void CheckVariable(KpiVariable v, Found found)
    {
        if (string.IsNullOrWhiteSpace(v.Description))
        {
            found.Add("has no description");
        }

        if (v.IsEntered)
        {
            return;
        }

        RecordSchema? register = RegisterList.Find(v.Register);
        if (register is null)
        {
            found.Add($"reads register '{v.Register}', which does not exist");
            return;
        }

        CheckAggregate(register, v.Aggregate, found);
        CheckTiming(register, v.Timing, found);
        if (v.Filter is not null)
        {
            CheckCondition(register, v.Filter, found);
        }
    }

    private static void CheckAggregate(RecordSchema register, RecordAggregate aggregate, Found found)
    {
        switch (aggregate)
        {
            case CountRows:
                break;
            case CountDistinct d:
                Field(register, d.Field, found);
                break;
            case Sum s:
                Field(register, s.Field, found, FieldType.Number, FieldType.Integer);
                break;
            case Mean m:
                Field(register, m.Field, found, FieldType.Number, FieldType.Integer);
                break;
            case MeanOfGroupShare g:
                Field(register, g.GroupField, found);
                Field(register, g.FlagField, found, FieldType.Bool);
                break;
            case MeanOfLinkedShare l:
                Field(register, l.Link, found);
                if (RegisterList.Find(l.Register) is { } linked)
                {
                    Field(linked, l.Link, found);
                    Field(linked, l.ItemField, found);
                    Field(linked, l.FlagField, found, FieldType.Bool);
                    Field(linked, l.DateField, found, FieldType.Date);
                }
                else
                {
                    found.Add($"links register '{l.Register}', which does not exist");
                }

                break;
            default:
                found.Add($"has an aggregate the checks do not know: {aggregate}");
                break;
        }
    }

    private static void CheckTiming(RecordSchema register, RecordTiming timing, Found found)
    {
        switch (timing)
        {
            case Unfiltered:
                break;
            case InPeriod p:
                Field(register, p.DateField, found, FieldType.Date);
                break;
            case ActiveAtPeriodEnd e:
                Field(register, e.FromField, found, FieldType.Date);
                Field(register, e.ToField, found, FieldType.Date);
                break;
            case ActiveDuringPeriod d:
                Field(register, d.FromField, found, FieldType.Date);
                Field(register, d.ToField, found, FieldType.Date);
                break;
            default:
                found.Add($"has a timing the checks do not know: {timing}");
                break;
        }
    }

    private static void CheckCondition(RecordSchema register, RecordCondition condition, Found found)
    {
        switch (condition)
        {
            case FieldIn f:
                RecordField? field = Field(register, f.Field, found, FieldType.Code, FieldType.Text, FieldType.Integer);
                if (f.Values.Count == 0)
                {
                    found.Add($"tests {register.Name}.{f.Field} against no value");
                }

                if (field?.Type == FieldType.Integer)
                {
                    foreach (string value in f.Values.Where(v => !long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)))
                    {
                        found.Add($"tests {register.Name}.{f.Field} for '{value}', which is not a whole number");
                    }
                }

                if (field?.Codes is { } codes)
                {
                    foreach (string value in f.Values.Where(v => !codes.Contains(v, StringComparer.Ordinal)))
                    {
                        found.Add($"tests {register.Name}.{f.Field} for '{value}', which is not one of its codes ({string.Join(", ", codes)})");
                    }
                }

                break;
            case FieldIsTrue t:
                Field(register, t.Field, found, FieldType.Bool);
                break;
            case FieldPresent p:
                Field(register, p.Field, found);
                break;
            case AllOf all:
                foreach (RecordCondition part in all.Parts)
                {
                    CheckCondition(register, part, found);
                }

                break;
            case AnyOf any:
                foreach (RecordCondition part in any.Parts)
                {
                    CheckCondition(register, part, found);
                }

                break;
            case NotCondition not:
                CheckCondition(register, not.Inner, found);
                break;
            case SeizureHasCategory c:
                if (register.Name != RegisterList.Seizure.Name)
                {
                    found.Add($"tests seizure categories on register '{register.Name}' (seizure only)");
                }

                if (!SeizureCategories.All.Contains(c.Category, StringComparer.Ordinal))
                {
                    found.Add($"tests seizure category '{c.Category}', which is not a PMM category ({string.Join(", ", SeizureCategories.All)})");
                }

                break;
            case RelatedExists related:
                CheckRelated(register, related, found);
                break;
            default:
                found.Add($"has a condition the checks do not know: {condition}");
                break;
        }
    }

    private static void CheckRelated(RecordSchema register, RelatedExists related, Found found)
    {
        RecordSchema? other = RegisterList.Find(related.Register);
        if (other is null)
        {
            found.Add($"relates to register '{related.Register}', which does not exist");
            return;
        }

        RecordField? here = Field(register, related.Link, found);
        RecordField? there = Field(other, related.Link, found);
        if (here is not null && there is not null && here.Type != there.Type)
        {
            found.Add($"links {register.Name} and {other.Name} by '{related.Link}', which is {here.Type} in one and {there.Type} in the other");
        }
        if (related.Filter is not null)
        {
            CheckCondition(other, related.Filter, found);
        }

        if (related.SamePeriod is not null)
        {
            CheckTiming(other, related.SamePeriod, found);
        }
    }

    /// <summary>Breakdowns of a record KPI split its variables by a register field, which at least one variable must have.</summary>
    private static void CheckBreakdownFields(KpiDefinition kpi, Found found)
    {
        List<RecordSchema> registers =
        [
            .. kpi.Variables.Where(v => !v.IsEntered).Select(v => RegisterList.Find(v.Register)).OfType<RecordSchema>(),
        ];
        if (registers.Count == 0)
        {
            return; // only entered variables: the breakdown values come with the entered rows
        }

        foreach (Breakdown b in kpi.Breakdowns)
        {
            if (b.Field is null)
            {
                found.Add($"breakdown {b.Kind} has no register field");
            }
            else if (!registers.Any(r => r.HasField(b.Field)))
            {
                found.Add($"breakdown {b.Kind} splits by '{b.Field}', which none of its variables' registers ({string.Join(", ", registers.Select(r => r.Name).Distinct())}) has");
            }
        }
    }

    private static RecordField? Field(RecordSchema register, string name, Found found, params FieldType[] types)
    {
        RecordField? field = register.Fields.FirstOrDefault(f => f.Name == name);
        if (field is null)
        {
            found.Add($"names field '{name}', which register '{register.Name}' does not have");
        }
        else if (types.Length > 0 && !types.Contains(field.Type))
        {
            found.Add($"uses {register.Name}.{name} ({field.Type}) where {string.Join(" or ", types)} is needed");
        }

        return field;
    }

    private static IEnumerable<T> Duplicates<T>(IEnumerable<T> values, IEqualityComparer<T> comparer) =>
        values.GroupBy(v => v, comparer).Where(g => g.Count() > 1).Select(g => g.Key);

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    /// <summary>The problems found so far, each prefixed with where it was found.</summary>
    private sealed class Found(string prefix, List<string>? messages = null)
    {
        public List<string> Messages { get; } = messages ?? [];

        public void Add(string message) => Messages.Add($"{prefix}: {message}");

        public Found In(string part) => new($"{prefix} {part}", Messages);
    }
}
