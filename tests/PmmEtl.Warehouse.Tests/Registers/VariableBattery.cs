using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Measure;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Warehouse.Tests.Registers;

/// <summary>
/// Every variable of every catalogue KPI with each of its breakdown fields, then variables that use every field of
/// every register in every role its type allows: parsed as T-SQL by RegisterSqlServerTextTests and executed on
/// DuckDB and PostgreSQL, so no compiled query fails at run time.
/// </summary>
public static class VariableBattery
{
    public static IEnumerable<(KpiVariable Variable, string? Breakdown)> All() => Catalogue().Concat(EveryField());

    /// <summary>The catalogue's own variables (KPIs and their variants), without and with each breakdown field the KPI has.</summary>
    public static IEnumerable<(KpiVariable Variable, string? Breakdown)> Catalogue()
    {
        foreach (KpiDefinition kpi in KpiCatalogue.All)
        {
            IEnumerable<KpiVariable> variables = kpi.Variables.Concat(kpi.Variants.SelectMany(v => v.Variables ?? []));
            string?[] breakdowns = [null, .. kpi.Breakdowns.Select(b => b.Field).Where(f => f is not null)];
            foreach (KpiVariable variable in variables.Where(v => !v.IsEntered))
            {
                foreach (string? breakdown in breakdowns)
                {
                    yield return (variable with { Description = $"{kpi.Code} {variable.Name}" }, breakdown);
                }
            }
        }
    }

    /// <summary>Every field of every register in every role its type allows, with each kind of timing and condition.</summary>
    public static IEnumerable<(KpiVariable Variable, string? Breakdown)> EveryField()
    {
        foreach (RecordSchema r in RegisterList.All)
        {
            RecordField[] dates = r.Fields.Where(f => f.Type == FieldType.Date).ToArray();
            RecordTiming timing = r.DateField is { } d ? RecordTiming.On(d) : RecordTiming.Always;
            KpiVariable V(RecordAggregate aggregate, RecordCondition? filter = null, RecordTiming? t = null) =>
                new("A", $"{r.Name} {aggregate} {filter}", r.Name, aggregate, t ?? timing, filter);

            yield return (V(RecordAggregate.Rows, t: RecordTiming.Always), null);
            foreach (RecordField date in dates)
            {
                yield return (V(RecordAggregate.Rows, t: RecordTiming.On(date.Name)), null);
                foreach (RecordField end in dates.Where(e => e != date))
                {
                    yield return (V(RecordAggregate.Rows, t: RecordTiming.AtEnd(date.Name, end.Name)), null);
                    yield return (V(RecordAggregate.Rows, t: RecordTiming.During(date.Name, end.Name)), null);
                }
            }

            foreach (RecordField f in r.Fields)
            {
                yield return (V(RecordAggregate.Distinct(f.Name), RecordCondition.Present(f.Name)), null);
                switch (f.Type)
                {
                    case FieldType.Number or FieldType.Integer:
                        yield return (V(RecordAggregate.SumOf(f.Name)), null);
                        yield return (V(RecordAggregate.MeanOf(f.Name)), r.Fields.FirstOrDefault(b => b.Type == FieldType.Code)?.Name);
                        break;
                    case FieldType.Bool:
                        yield return (V(RecordAggregate.Rows, RecordCondition.Either(RecordCondition.True(f.Name), RecordCondition.Not(RecordCondition.False(f.Name)))), f.Name);
                        yield return (V(RecordAggregate.MeanShare(r.Key[0], f.Name)), null);
                        yield return (V(RecordAggregate.MeanShare(r.Key[0], f.Name)), r.Fields.FirstOrDefault(b => b.Type == FieldType.Code)?.Name);
                        break;
                    case FieldType.Code:
                        yield return (V(RecordAggregate.Rows, RecordCondition.Is(f.Name, [.. f.Codes!.Take(2)])), f.Name);
                        break;
                    case FieldType.Text:
                        yield return (V(RecordAggregate.Rows, RecordCondition.Both(RecordCondition.Is(f.Name, "x"), RecordCondition.Is(f.Name))), f.Name);
                        break;
                    case FieldType.Date or FieldType.Integer:
                        yield return (V(RecordAggregate.Rows), f.Name);
                        break;
                }
            }

            // Related records through every field that another register has with the same name and storage type.
            bool linkedShare = false;
            foreach (RecordSchema other in RegisterList.All.Where(o => o != r))
            {
                foreach (RecordField link in r.Fields.Where(f => other.HasField(f.Name)
                             && RecordColumns.Type(other.Field(f.Name).Type) == RecordColumns.Type(f.Type)))
                {
                    RecordTiming? same = other.DateField is { } od ? RecordTiming.On(od) : null;
                    RecordCondition? inner = other.Fields.FirstOrDefault(f => f.Type == FieldType.Bool) is { } flag ? RecordCondition.True(flag.Name) : null;
                    yield return (V(RecordAggregate.Rows, RecordCondition.Related(other.Name, link.Name, inner, same)), null);

                    // A share over r's records of the other register's latest flagged items (K41's shape), total and split;
                    // once per register, which is enough to run every part of its SQL on each engine.
                    if (!linkedShare && other.DateField is { } date && other.Fields.FirstOrDefault(f => f.Type == FieldType.Bool) is { } share
                        && other.Fields.FirstOrDefault(f => f.Name != link.Name && f.Type is FieldType.Text or FieldType.Code) is { } item)
                    {
                        KpiVariable linked = V(RecordAggregate.MeanLinkedShare(other.Name, link.Name, item.Name, share.Name, date));
                        yield return (linked, null);
                        yield return (linked, r.Fields.FirstOrDefault(b => b.Type == FieldType.Code)?.Name);
                        linkedShare = true;
                    }
                }
            }

            if (r.Name == RegisterList.Seizure.Name)
            {
                foreach (string category in SeizureCategories.All)
                {
                    yield return (V(RecordAggregate.Rows, RecordCondition.Not(RecordCondition.HasItemIn(category))), "mode_of_transport");
                    // A seizure whose inspection found an irregularity and which holds a cigarettes item (nested aliases).
                    yield return (V(RecordAggregate.Rows, RecordCondition.Related("inspection", "inspection_id",
                        RecordCondition.Related("seizure", "inspection_id", RecordCondition.HasItemIn(category)))), null);
                }
            }
        }
    }
}
