using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;

namespace PmmEtl.Jobs.Checking;

/// <summary>
/// Which KPI values one field keeps from being measured, found by asking the measure stage's own question
/// (<see cref="SourceFields.Missing(IEnumerable{FieldUse})"/>) of a source that gives every field of every type but
/// that one, as it really is (absent, date only) or as it would be if it were empty (a mostly-null field). So a
/// field is blamed only for what it alone blocks, however many others are missing too, and a field the normaliser
/// fills from others (a business date from the first milestone) is blamed for nothing while those are there.
/// </summary>
internal sealed class BlockedValues(string sourceKind, IReadOnlyList<KpiNeed> needs)
{
    private static readonly IReadOnlyDictionary<string, RecordMapping> AllGiven = RecordTypes.All.ToDictionary(
        t => t.Name, t => new RecordMapping(t, "", [.. t.Fields.Select(_ => new FieldOrigin(FieldPresence.Given, ""))]), StringComparer.Ordinal);

    /// <summary>
    /// The values that cannot be measured when the field of <paramref name="mapping"/>'s type is as <paramref name="origin"/>
    /// says, and the note a run would publish for the first of them ("the csv source gives no arrival_local (…)").
    /// </summary>
    public (IReadOnlyList<KpiNeed> Needs, string? Note) By(RecordMapping mapping, string field, FieldOrigin origin)
    {
        RecordSchema type = mapping.Type;
        int index = type.IndexOf(field);
        var fields = AllGiven[type.Name].Fields.ToArray();
        fields[index] = origin;
        var types = new Dictionary<string, RecordMapping>(AllGiven, StringComparer.Ordinal) { [type.Name] = mapping with { Fields = fields } };
        var only = new SourceFields(sourceKind, types, t => t);
        KpiNeed[] blocked = [.. needs.Where(n => only.Missing(n.Uses) is not null)];
        return (blocked, blocked.Length == 0 ? null : $"not measurable: {only.Missing(blocked[0].Uses)}");
    }

    /// <summary>
    /// The values that read a record type the source does not give at all; a KPI's own value counted on another type
    /// instead (K12 on declarations where no shipments are given, labelled in its note) is not blocked by it.
    /// </summary>
    public IReadOnlyList<KpiNeed> ByMissingType(string type) =>
        [.. needs.Where(n => n.Uses.Any(u => u.RecordType == type) && n.CountedOnInstead is null)];
}
