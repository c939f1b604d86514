using System.Collections.Concurrent;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Registers;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise.Registers;

/// <summary>
/// The only place that interprets raw register text, as <see cref="DeclarationNormaliser"/> does for declarations:
/// text trimmed, codes upper-cased and checked against the field's list, flags and numbers read in one invariant way,
/// local times resolved in the zone of the record's office through the run's <see cref="LocalTimeResolver"/> (one DST
/// policy, one count per run), and the derived fields computed. A row that breaks a rule becomes a quarantine entry
/// naming every problem, each prefixed by its field; it never stops the rows around it. Each register is planned
/// once (field positions, parsers, derivations), so a row costs its values array and nothing per field.
/// </summary>
public sealed class RecordNormaliser : IRecordNormaliser
{
    /// <summary>The longest key text accepted, as for declaration ids.</summary>
    public const int MaxKeyLength = DeclarationNormaliser.MaxKeyLength;

    private readonly Dictionary<string, OfficeDefinition> _offices;
    private readonly LocalTimeResolver _resolver;
    private readonly Dictionary<string, double> _rates;
    private readonly ConcurrentDictionary<RegisterSchema, RegisterPlan> _plans = new(ReferenceEqualityComparer.Instance);

    /// <param name="offices">The pipeline's office reference: an office field must name one of them.</param>
    /// <param name="resolver">The run's resolver, shared with the declaration normaliser, so DST counts are the run's.</param>
    /// <param name="exchangeRates">USD per unit of each currency (the cycle's WCO rate).</param>
    public RecordNormaliser(IEnumerable<OfficeDefinition> offices, LocalTimeResolver resolver, IReadOnlyDictionary<string, double> exchangeRates)
    {
        _offices = offices.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        _resolver = resolver;
        _rates = new Dictionary<string, double>(exchangeRates, StringComparer.OrdinalIgnoreCase);
        foreach (RegisterSchema register in Core.Registers.Registers.Loaded)
        {
            // Planned up front, so a schema the normaliser cannot serve fails when the run starts.
            _plans[register] = new RegisterPlan(register);
        }
    }

    public RecordNormaliseResult Normalise(RawRecord raw)
    {
        RegisterPlan plan = _plans.GetOrAdd(raw.Register, static r => new RegisterPlan(r));
        var row = new RowState(raw, _resolver, _rates);
        if (raw.SourceError is { } sourceError)
        {
            row.Add(raw.SourceErrorField ?? "row", sourceError, null);
            return Refused(plan, ref row);
        }

        var values = new object?[plan.Register.Fields.Count];
        if (plan.Office is { } officeField)
        {
            ReadOffice(officeField, values, ref row);
        }

        foreach (FieldPlan field in plan.Fields)
        {
            string? text = row.Text(field.Name);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (field.Required)
                {
                    row.Add(field.Name, "missing value", text);
                }

                continue;
            }

            values[field.Index] = field.Parse(field, text, ref row);
        }

        foreach (Derivation derive in plan.Derivations)
        {
            derive(values, ref row);
        }

        if (row.Any)
        {
            return Refused(plan, ref row);
        }

        LocalDate? businessDate = plan.DateIndex >= 0 ? (LocalDate?)values[plan.DateIndex] : null;
        return new RecordNormaliseResult(new NormalisedRecord(plan.Register, values, businessDate, raw.SourceName, raw.RowNumber), null);
    }

    /// <summary>The office must be in the pipeline's reference; its canonical code is stored and its zone resolves the record's local times.</summary>
    private void ReadOffice(FieldPlan field, object?[] values, ref RowState row)
    {
        string? code = row.Text(field.Name)?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            row.OfficeRefused = true;
            if (field.Required)
            {
                row.Add(field.Name, "missing office", row.Text(field.Name));
            }

            return;
        }

        if (!_offices.TryGetValue(code, out OfficeDefinition? office))
        {
            row.OfficeRefused = true;
            row.Add(field.Name, $"unknown office '{Shorten(code)}' (not in the pipeline's office reference)", row.Text(field.Name));
            return;
        }

        values[field.Index] = office.Code;
        row.Zone = office.Zone;
    }

    private static RecordNormaliseResult Refused(RegisterPlan plan, ref RowState row)
    {
        string? businessDateRaw = plan.Register.DateField is { } date ? row.Text(date) : null;
        return new RecordNormaliseResult(null, row.ToEntry(Key(plan, ref row), businessDateRaw));
    }

    /// <summary>The record's key as the source gave it, its fields joined by '|', so the quarantine names the record; null when none was read.</summary>
    private static string? Key(RegisterPlan plan, ref RowState row)
    {
        string?[] parts = new string?[plan.Key.Length];
        bool any = false;
        for (int i = 0; i < parts.Length; i++)
        {
            string? part = row.Text(plan.Key[i])?.Trim();
            parts[i] = part is { Length: > MaxKeyLength } ? Shorten(part) : part;
            any |= !string.IsNullOrEmpty(part);
        }

        return any ? string.Join("|", parts) : null;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
