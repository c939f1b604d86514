using PmmEtl.Core.Catalogue;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;

namespace PmmEtl.Core.Measure;

/// <summary>
/// What the pipeline's source gives, record type by record type and field by field, as the source described it at the
/// start of the run: the measure stage asks it whether the fields a KPI reads are there before it publishes a number
/// resting on them, and says which one is missing and where it should have come from when one is not.
/// </summary>
public sealed class SourceFields
{
    private readonly IReadOnlyDictionary<string, RecordMapping> _types;

    /// <param name="sourceKind">The pipeline's source kind, named in the notes (<c>csv</c>, <c>postgres</c> …).</param>
    /// <param name="types">The mapping of every record type the source gives.</param>
    /// <param name="missingTypeHint">Where a record type the source does not give would be configured, per type (e.g. <c>source.queries.inspection</c>).</param>
    public SourceFields(string sourceKind, IReadOnlyDictionary<string, RecordMapping> types, Func<string, string> missingTypeHint)
    {
        SourceKind = sourceKind;
        _types = types;
        MissingTypeHint = missingTypeHint;
    }

    /// <summary>Every field of every record type given: for measuring a warehouse filled by other means (tests, a measure-only run without a source).</summary>
    public static SourceFields Everything { get; } = new(
        "warehouse",
        RecordTypes.All.ToDictionary(t => t.Name, t => RecordMapping.Of(t, "the warehouse", t.Fields.ToDictionary(f => f.Name, _ => new FieldMapping()))),
        t => t);

    public string SourceKind { get; }

    public Func<string, string> MissingTypeHint { get; }

    public IReadOnlyDictionary<string, RecordMapping> Types => _types;

    public bool Gives(string recordType) => _types.ContainsKey(recordType);

    /// <summary>Null when every use is available; otherwise why not, for the first that is not ("the source gives no arrival_local …").</summary>
    public string? Missing(IEnumerable<FieldUse> uses)
    {
        foreach (FieldUse use in uses)
        {
            if (Missing(use) is { } why)
            {
                return why;
            }
        }

        return null;
    }

    /// <summary>Null when the source gives records of the type; otherwise why not, and where they would be configured.</summary>
    public string? MissingType(string recordType) =>
        Gives(recordType) ? null : $"the {SourceKind} source gives no {recordType} records ({MissingTypeHint(recordType)})";

    public string? Missing(FieldUse use)
    {
        if (!_types.TryGetValue(use.RecordType, out RecordMapping? mapping))
        {
            return MissingType(use.RecordType);
        }

        return Missing(mapping, use.Field, needsTime: true, depth: 0) is { } field
            ? $"the {SourceKind} source gives no {field} ({mapping.Where})"
            : null;
    }

    /// <summary>The field (or the field it rests on) that is not available, described for a note; null when it is.</summary>
    private static string? Missing(RecordMapping mapping, string name, bool needsTime, int depth)
    {
        RecordSchema type = mapping.Type;
        if (type.FindField(name) is not { } field || depth > 8)
        {
            return null; // a definition naming a field its type lacks fails when compiled, not here
        }

        FieldOrigin origin = mapping.Fields[type.IndexOf(name)];
        if (!field.Derived)
        {
            switch (origin.Presence)
            {
                case FieldPresence.Given:
                    return null;
                case FieldPresence.DateOnly when !needsTime || field.Type != FieldType.LocalTime:
                    return null;
                case FieldPresence.DateOnly:
                    return $"{name} with its time of day (it gives a date only, {origin.From})";
                case FieldPresence.Absent:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mapping), origin.Presence, "not a field presence");
            }

            // Absent: a field the normaliser fills from others is there when they are.
            if (field.RestsOn.Count == 0)
            {
                return $"{name} ({origin.From})";
            }
        }

        if (field.RestsOnAny)
        {
            // One basis is enough: missing only when every one is.
            var none = new List<string>();
            foreach (string basis in field.RestsOn)
            {
                if (Missing(mapping, basis, needsTime && field.NeedsTimeOfDay, depth + 1) is not { } missing)
                {
                    return null;
                }

                none.Add(missing);
            }

            string all = string.Join(" nor ", none);
            return field.Derived ? $"{all}, which {name} is computed from" : $"{name} ({origin.From}) nor {all}";
        }

        foreach (string basis in field.RestsOn)
        {
            if (Missing(mapping, basis, needsTime && field.NeedsTimeOfDay, depth + 1) is { } missing)
            {
                return field.Derived ? $"{missing}, which {name} is computed from" : $"{name} ({origin.From}) nor {missing}";
            }
        }

        return null;
    }
}
