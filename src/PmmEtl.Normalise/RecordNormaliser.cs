using System.Collections.Concurrent;
using System.Collections.Frozen;
using NodaTime;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise;

/// <summary>
/// The only place that interprets raw record text, for every record type: text trimmed and bounded, codes upper-cased
/// and checked against the field's list, flags and numbers read in one invariant way, dates and times checked against
/// the pipeline's valid range, local times resolved in the zone of the record's office through the run's
/// <see cref="LocalTimeResolver"/> (one DST policy, one count per run), then the type's rules: derived fields (the
/// declaration's durations and responsible-actor split, computed from instants only, so DST never distorts minutes)
/// and checks across fields (a release before its arrival). A field the source does not give stays null and is left
/// alone by every rule of emptiness. A record that breaks a rule becomes a quarantine entry naming every problem,
/// each prefixed by its field; it never stops the records around it. Each type is planned once, so a record costs its
/// row and nothing per field.
/// </summary>
public sealed class RecordNormaliser : IRecordNormaliser
{
    private readonly FrozenDictionary<string, OfficeReference> _offices;
    private readonly ConcurrentDictionary<RecordSchema, RecordPlan> _plans = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyDictionary<string, RecordMapping>? _mappings;
    private readonly ConcurrentDictionary<(string Type, string Field, string Code), long> _unlisted = new();

    /// <param name="offices">The pipeline's office reference: an office field must name one of them.</param>
    /// <param name="resolver">The run's resolver, so DST counts are the run's.</param>
    /// <param name="exchangeRates">USD per unit of each currency (the cycle's WCO rate).</param>
    /// <param name="sources">What the source gives of each type (fields it does not give are left null); null: every field.</param>
    /// <param name="range">The dates and instants accepted; <see cref="ValidRange.Default"/> when null.</param>
    public RecordNormaliser(IEnumerable<OfficeDefinition> offices, LocalTimeResolver resolver, IReadOnlyDictionary<string, double> exchangeRates,
        SourceFields? sources = null, ValidRange? range = null)
    {
        // One zone resolver per zone, shared by the offices in it, so the DST-free stretches it remembers serve them all.
        var zones = new Dictionary<DateTimeZone, ZoneTimeResolver>();
        _offices = offices.ToDictionary(
            o => o.Code,
            o => new OfficeReference(o, zones.TryGetValue(o.Zone, out ZoneTimeResolver? times) ? times : zones[o.Zone] = resolver.For(o.Zone)),
            StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Resolver = resolver;
        Rates = new Dictionary<string, double>(exchangeRates, StringComparer.OrdinalIgnoreCase);
        Range = range ?? ValidRange.Default;
        _mappings = sources is null || ReferenceEquals(sources, SourceFields.Everything) ? null : sources.Types;
        foreach (RecordSchema type in RecordTypes.All)
        {
            // Planned up front, so a type the normaliser cannot serve fails when the run starts.
            Plan(type);
        }
    }

    public LocalTimeResolver Resolver { get; }

    public IReadOnlyDictionary<string, double> Rates { get; }

    public ValidRange Range { get; }

    /// <summary>Codes outside a field's list that were loaded as its catch-all member (OTHER), by type, field and code: said in the run result.</summary>
    public IReadOnlyDictionary<(string Type, string Field, string Code), long> Unlisted => _unlisted;

    /// <inheritdoc />
    public DstResolutionCounts DstCounts => Resolver.Counts;

    public NormaliseResult Normalise(RawRecord raw)
    {
        RecordPlan plan = Plan(raw.Schema);
        var row = new RecordRow(raw.Schema, raw.SourceName, raw.RowNumber);
        var state = new RowState(raw, row, this);
        if (raw.SourceError is { } sourceError)
        {
            state.Add(raw.SourceErrorField ?? "row", sourceError, null);
            return Refused(plan, ref state);
        }

        if (plan.Office is { } officeField)
        {
            ReadOffice(officeField, ref state);
        }

        foreach (FieldPlan field in plan.Fields)
        {
            ref readonly RawValue value = ref raw.At(field.Index);
            if (value.IsEmpty)
            {
                // National systems leave unset indicators empty: for a field the source gives, that can mean "no".
                if (field.Field.EmptyMeans is { } means)
                {
                    FieldParsers.Parse(field, RawValue.FromText(means), ref state);
                }
                else if (field.Required)
                {
                    state.Add(field.Name, field.Field.MissingReason ?? "missing value", value.Text);
                }

                continue;
            }

            FieldParsers.Parse(field, value, ref state);
        }

        foreach (RecordRule rule in plan.Rules)
        {
            rule(ref state);
        }

        if (state.Any)
        {
            return Refused(plan, ref state);
        }

        return new NormaliseResult(row, null);
    }

    internal void CountUnlisted(RecordSchema type, string field, string code) =>
        _unlisted.AddOrUpdate((type.Name, field, Shorten(code)), 1, (_, n) => n + 1);

    private RecordPlan Plan(RecordSchema type) =>
        _plans.GetOrAdd(type, t => new RecordPlan(t, _mappings is null ? null : _mappings.GetValueOrDefault(t.Name)));

    /// <summary>The office must be in the pipeline's reference; its canonical code is stored and its zone resolves the record's local times.</summary>
    private void ReadOffice(FieldPlan field, ref RowState state)
    {
        string? code = state.Text(field.Index)?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            state.OfficeRefused = true;
            if (field.Required || state.Raw.Schema.MustMap(field.Field))
            {
                state.Add(field.Name, "missing office", state.Text(field.Index));
            }

            return;
        }

        if (!_offices.TryGetValue(code, out OfficeReference? office))
        {
            state.OfficeRefused = true;
            state.Add(field.Name, $"unknown office '{Shorten(code)}' (not in the pipeline's office reference)", state.Text(field.Index));
            return;
        }

        state.Row.SetText(field.Index, office.Definition.Code);
        state.Zone = office.Times;
    }

    private static NormaliseResult Refused(RecordPlan plan, ref RowState state)
    {
        string? businessDateRaw = plan.DateIndex >= 0 ? state.Text(plan.DateIndex) : null;
        return new NormaliseResult(null, state.ToEntry(Key(plan, ref state), businessDateRaw));
    }

    /// <summary>The record's key as the source gave it, its fields joined by '|', so the quarantine names the record; null when none was read.</summary>
    private static string? Key(RecordPlan plan, ref RowState state)
    {
        string?[] parts = new string?[plan.Key.Length];
        bool any = false;
        for (int i = 0; i < parts.Length; i++)
        {
            string? part = state.Text(plan.Key[i])?.Trim();
            parts[i] = part is { Length: > RecordTypes.MaxKeyLength } ? Shorten(part) : part;
            any |= !string.IsNullOrEmpty(part);
        }

        return any ? string.Join("|", parts) : null;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    /// <summary>An office of the pipeline's reference and its zone's resolver.</summary>
    private sealed record OfficeReference(OfficeDefinition Definition, ZoneTimeResolver Times);
}
