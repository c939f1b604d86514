using NodaTime;
using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Inputs;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Records;

namespace PmmEtl.EndToEnd.Tests.Properties;

/// <summary>What a removal must do to one published row.</summary>
public enum Expected
{
    /// <summary>The row rests on what was removed: no value, "not measurable".</summary>
    Gone,
    /// <summary>The row rests on nothing that was removed: the same value as before.</summary>
    Unchanged,
    /// <summary>The row rests on part of what was removed (a financial year across two calendar years, a register related by key): no claim.</summary>
    Unknown,
}

/// <summary>Decides, from the catalogue's reads of a variant, what removing a source (or one year of it) must do to each row.</summary>
public static class RowBasis
{
    public static bool HasValue(KpiValue row) => row.Value is not null || row.ValueText is not null;

    public static (string Variant, string PeriodType, LocalDate Start, string Breakdown, string BreakdownValue) Key(KpiValue row) =>
        (row.Variant, row.PeriodType, row.PeriodStart, row.Breakdown, row.BreakdownValue);

    public static Expected Of(VariantReads reads, KpiValue row, string source, int? year, AssessmentInputs inputs)
    {
        bool affected = false;
        bool untouched = true;
        foreach (Read read in reads.Reads.Where(r => r.Source == source))
        {
            LocalDate start = row.PeriodStart.PlusYears(read.YearOffset);
            LocalDate end = row.PeriodEnd.PlusYears(read.YearOffset);
            if (source != CatalogueReads.Inputs && EnteredFor(reads.Kpi, read, row.PeriodType, row.Breakdown, row.BreakdownValue, start, inputs))
            {
                // An officer's entered value replaces the variable's records for this cell: the records are not behind it.
                continue;
            }

            if (year is not { } y)
            {
                affected = true;
                untouched = false;
                continue;
            }

            if (source == CatalogueReads.Inputs)
            {
                // Answers and entered values are given for a period and stored under the year it starts in.
                if (start.Year == y)
                {
                    affected = true;
                    untouched = false;
                }

                continue;
            }

            if (!read.PeriodBound)
            {
                untouched = false;
                continue;
            }

            var from = new LocalDate(y, 1, 1);
            var to = from.PlusYears(1);
            if (start >= from && end <= to)
            {
                affected = true;
                untouched = false;
            }
            else if (!(end <= from || start >= to))
            {
                // A financial year from July: half of it is still there, and it is the lead's "provisional" question, not this one.
                untouched = false;
            }
        }

        return affected ? Expected.Gone : untouched ? Expected.Unchanged : Expected.Unknown;
    }

    /// <summary>Whether the note says why in terms of the source removed (its name, its records' plural, or the inputs).</summary>
    public static bool NamesSource(string? note, string source) =>
        note is not null && (source == CatalogueReads.Inputs
            ? note.Contains("inputs", StringComparison.Ordinal)
            : note.Contains(source, StringComparison.Ordinal) || note.Contains(RecordTypes.Plural(source), StringComparison.Ordinal));

    /// <summary>The entered value that replaces a variable's records in a cell, as the measurer looks it up (VariableKpis.Cells).</summary>
    public static bool EnteredFor(KpiDefinition kpi, Read read, string periodType, string rowBreakdown, string rowBreakdownValue, LocalDate shifted, AssessmentInputs inputs)
    {
        if (read.Variable is not { } variable)
        {
            return false;
        }

        Breakdown? breakdown = kpi.Breakdowns.FirstOrDefault(b => b.Kind.ToCode() == rowBreakdown);
        bool split = breakdown?.Field is { } field && (variable.IsEntered || (RecordTypes.Find(variable.Register)?.HasField(field) ?? false));
        PeriodType type = Enum.GetValues<PeriodType>().Single(p => p.ToCode() == periodType);
        return KpiFormula.SameQuantity(kpi.Formula, variable.Name).Any(name => inputs.Entered.Any(e =>
            e.KpiCode == kpi.Code && e.Variable == name && e.PeriodType == type && e.PeriodStart == shifted
            && e.Breakdown == (split ? rowBreakdown : null) && e.BreakdownValue == (split ? rowBreakdownValue : null)));
    }
}
