using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>
/// One thing a published value of a catalogue entry rests on, found in the catalogue's data: a record type (the
/// population's, a variable's register, a register a condition relates to, the linked register of a share), or the
/// officers' inputs (<see cref="CatalogueReads.Inputs"/>).
/// </summary>
/// <param name="Source">The record type's name, or <see cref="CatalogueReads.Inputs"/>.</param>
/// <param name="YearOffset">The years the read is shifted by (−1: the B of a variation reads year t−1).</param>
/// <param name="PeriodBound">
/// Whether the read takes the records dated in the value's (shifted) period by the type's own date, so that removing
/// one year of the type removes exactly what the periods of that year rest on. Reads that are not (an undated type, a
/// register related by key whatever its date, a validity interval) rest on the type as a whole: removing all of it
/// must leave no value, removing one year of it has no period to point at, and no claim is made for it.
/// </param>
/// <param name="Variable">The variable that reads it (null for a population): an officer's entered value for its cell replaces its records.</param>
public sealed record Read(string Source, int YearOffset, bool PeriodBound, KpiVariable? Variable);

/// <summary>What one variant of one entry reads: the basis of its rows.</summary>
public sealed record VariantReads(KpiDefinition Kpi, string Variant, IReadOnlyList<Read> Reads)
{
    public IEnumerable<string> Sources => Reads.Select(r => r.Source).Distinct(StringComparer.Ordinal);

    /// <summary>Whether the source is dated, so that "one year of it" means something.</summary>
    public static bool IsDated(string source) => source == CatalogueReads.Inputs || RecordTypes.Get(source).IsDated;
}

/// <summary>
/// Derives, for every catalogue entry and every variant it publishes, what its values read: never a hand list per
/// KPI, only the catalogue's data (<see cref="KpiDefinition.Measure"/>, <see cref="KpiDefinition.Variables"/>,
/// <see cref="KpiDefinition.Variants"/>, the conditions' related registers, <see cref="RecordTypes"/>).
/// </summary>
public static class CatalogueReads
{
    /// <summary>The officers' inputs of an entry (self-assessment answers, WCO-tool and FoS answers, entered values).</summary>
    public const string Inputs = "inputs";

    public static IEnumerable<VariantReads> Of(KpiDefinition kpi)
    {
        if (kpi.Measure is { } measure)
        {
            yield return new VariantReads(kpi, KpiFormula.PmmVariant, Population(measure));
            foreach (KpiVariant variant in kpi.Variants)
            {
                // A printed variant without a population of its own reads the KPI's aggregates.
                yield return new VariantReads(kpi, variant.Name, Population(variant.Measure ?? measure));
            }

            yield break;
        }

        if (KpiFormula.Needed(kpi.Formula).Length == 0)
        {
            // Checklists, WCO-tool answers, FoS levels and texts: the officers' answers of the year, nothing else.
            yield return new VariantReads(kpi, KpiFormula.PmmVariant, [new Read(Inputs, 0, true, null)]);
            yield break;
        }

        yield return new VariantReads(kpi, KpiFormula.PmmVariant, Variables(kpi.Formula, kpi.Variables));
        foreach (KpiVariant variant in kpi.Variants.Where(v => v.Formula is not null))
        {
            yield return new VariantReads(kpi, variant.Name, Variables(variant.Formula!.Value, variant.Variables ?? kpi.Variables));
        }
    }

    public static IEnumerable<VariantReads> All() => KpiCatalogue.All.SelectMany(Of);

    private static List<Read> Population(PopulationMeasure measure)
    {
        RecordSchema type = RecordTypes.Get(measure.RecordType);
        var reads = new List<Read> { new(type.Name, 0, type.IsDated, null) };
        IEnumerable<RecordCondition> conditions = [measure.Population, .. measure.Exclusions.Select(e => e.When), .. measure.Numerator is { } n ? [n] : Array.Empty<RecordCondition>()];
        reads.AddRange(conditions.SelectMany(c => Related(c, 0, null)));
        return reads;
    }

    private static List<Read> Variables(FormulaKind formula, IReadOnlyList<KpiVariable> variables)
    {
        // Only the variables the formula reads: a variant that prints A alone does not rest on B.
        string[] needed = KpiFormula.Needed(formula);
        var reads = new List<Read>();
        foreach (KpiVariable v in variables.Where(v => needed.Contains(v.Name, StringComparer.Ordinal)))
        {
            if (v.IsEntered)
            {
                reads.Add(new Read(Inputs, v.YearOffset, true, v));
                continue;
            }

            RecordSchema register = RecordTypes.Get(v.Register);
            // Records in the period by the register's own date; a validity interval or an inventory is not a period of the type.
            bool inPeriod = v.Timing is InPeriod p && p.DateField == register.DateField;
            reads.Add(new Read(register.Name, v.YearOffset, inPeriod, v));
            if (v.Aggregate is MeanOfLinkedShare linked)
            {
                RecordSchema other = RecordTypes.Get(linked.Register);
                reads.Add(new Read(other.Name, v.YearOffset, other.DateField == linked.DateField, v));
            }

            if (v.Filter is { } filter)
            {
                reads.AddRange(Related(filter, v.YearOffset, v));
            }
        }

        return reads;
    }

    /// <summary>The registers a condition relates to: by key (whatever their date) unless it asks for records of the same period.</summary>
    private static IEnumerable<Read> Related(RecordCondition condition, int offset, KpiVariable? variable) => condition switch
    {
        RelatedExists r => [
            new Read(r.Register, offset, r.SamePeriod is InPeriod p && p.DateField == RecordTypes.Get(r.Register).DateField, variable),
            .. r.Filter is { } f ? Related(f, offset, variable) : []],
        // A seizure's items carry the seizure's own date: they are read in the seizure's period.
        SeizureHasCategory => [new Read(RecordTypes.SeizureItem.Name, offset, RecordTypes.SeizureItem.DateField == RecordTypes.Seizure.DateField, variable)],
        AllOf a => a.Parts.SelectMany(c => Related(c, offset, variable)),
        AnyOf a => a.Parts.SelectMany(c => Related(c, offset, variable)),
        NotCondition n => Related(n.Inner, offset, variable),
        _ => [],
    };
}
