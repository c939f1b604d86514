using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>How a variant's value must move when one more record comes into its scope.</summary>
public enum MoveLaw
{
    /// <summary>A ratio over a population: N + 1, and the value rises if the record is a hit (numerator + 1), falls otherwise.</summary>
    PopulationRatio,
    /// <summary>A mean over a population (or a printed reading of its sum): the new value lies between the old one and the record's own duration.</summary>
    PopulationMean,
    /// <summary>A formula of two published parts A and B: each rises by what the record adds, and the value moves as the formula says.</summary>
    Parts,
    /// <summary>A count (formula "value" over a count): + 1.</summary>
    Count,
    /// <summary>An amount (formula "value" over a sum): does not fall.</summary>
    Amount,
}

/// <summary>How one more record in scope is made for a variant: a clone, with a fresh key, of a record of <see cref="Type"/>.</summary>
/// <param name="Linked">The records linked to the cloned record's key that its scope reads (a seizure's items): cloned with it, onto the fresh key.</param>
public sealed record OneMoreRecord(VariantReads Reads, string Type, MoveLaw Law, FormulaKind Formula, bool CountsOnly, IReadOnlyList<(string Register, string Link)> Linked)
{
    /// <summary>
    /// The construction for a variant, or why there is none, derived from the catalogue's data: the population's type
    /// or A's register is cloned. Out: entries that read no records (answers, entered values), means and means of
    /// shares (a record moves them either way, by an amount the test cannot know without recomputing them), distinct
    /// counts of a field that is not the key (a clone counts the same member again). Records linked to the clone's key
    /// that the scope reads (a seizure's items, an officer's trainings) are cloned onto the fresh key with it.
    /// </summary>
    public static (OneMoreRecord? Construction, string? WhyNot) Of(VariantReads reads)
    {
        KpiDefinition kpi = reads.Kpi;
        if (kpi.Measure is { } kpiMeasure)
        {
            KpiVariant? variant = kpi.Variants.FirstOrDefault(v => v.Name == reads.Variant);
            PopulationMeasure measure = variant?.Measure ?? kpiMeasure;
            RecordSchema type = RecordTypes.Get(measure.RecordType);
            IEnumerable<RecordCondition> conditions = [measure.Population, .. measure.Exclusions.Select(e => e.When), .. measure.Numerator is { } n ? [n] : Array.Empty<RecordCondition>()];
            bool mean = measure.Duration is not null;
            return (new OneMoreRecord(reads, type.Name, mean ? MoveLaw.PopulationMean : MoveLaw.PopulationRatio, kpi.Formula, true,
                [.. conditions.SelectMany(c => KeyLinks(c, type)).Distinct()]), null);
        }

        string[] needed = KpiFormula.Needed(kpi.Formula);
        if (needed.Length == 0)
        {
            return (null, $"a {kpi.Formula} reads the officers' answers, not records");
        }

        FormulaKind formula = kpi.Variants.FirstOrDefault(v => v.Name == reads.Variant)?.Formula ?? kpi.Formula;
        IReadOnlyList<KpiVariable> variables = kpi.Variants.FirstOrDefault(v => v.Name == reads.Variant)?.Variables ?? kpi.Variables;
        KpiVariable a = variables.Single(v => v.Name == "A");
        if (a.IsEntered)
        {
            return (null, "A is entered by an officer");
        }

        RecordSchema register = RecordTypes.Get(a.Register);
        if (formula is FormulaKind.MeanShare || a.Aggregate is Mean or MeanOfGroupShare or MeanOfLinkedShare)
        {
            return (null, "a mean (of shares) moves either way with one more record");
        }

        if (a.Aggregate is CountDistinct d && !register.Key.Contains(d.Field))
        {
            return (null, $"A counts distinct {d.Field}, which a clone of a {register.Name} repeats");
        }

        if (register.Field(register.Key[0]).Type != FieldType.Text)
        {
            return (null, $"the {register.Name}'s key is not text");
        }

        bool counts = variables.Where(v => needed.Contains(v.Name) && !v.IsEntered).All(v => v.Aggregate is CountRows or CountDistinct);
        MoveLaw law = formula == FormulaKind.Value ? (a.Aggregate is Sum ? MoveLaw.Amount : MoveLaw.Count) : MoveLaw.Parts;
        return (new OneMoreRecord(reads, register.Name, law, formula, counts, [.. (a.Filter is { } filter ? KeyLinks(filter, register) : []).Distinct()]), null);
    }

    /// <summary>The registers a condition relates to through the record's own key (seizure items through the seizure's id), with the link.</summary>
    private static IEnumerable<(string Register, string Link)> KeyLinks(RecordCondition condition, RecordSchema type) => condition switch
    {
        RelatedExists r when type.Key.Contains(r.Link) && r.Register != type.Name => [(r.Register, r.Link)],
        SeizureHasCategory => [(RecordTypes.SeizureItem.Name, "seizure_id")],
        AllOf all => all.Parts.SelectMany(p => KeyLinks(p, type)),
        AnyOf any => any.Parts.SelectMany(p => KeyLinks(p, type)),
        NotCondition not => KeyLinks(not.Inner, type),
        _ => [],
    };
}
