using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise;

/// <summary>
/// What one record's parsers and rules share: the raw record, the row being filled, the office's zone, the run's
/// resolver, rates and valid range, the dates of the times a source gives as dates only, and the record's problems.
/// A struct passed by reference: a record without problems (nearly all) allocates nothing for them.
/// </summary>
internal struct RowState
{
    private List<(string Field, string Reason, string? Raw)>? _problems;
    private LocalDate?[]? _dateOnly;

    public RowState(RawRecord raw, RecordRow row, RecordNormaliser normaliser)
    {
        Raw = raw;
        Row = row;
        Normaliser = normaliser;
    }

    public RawRecord Raw { get; }

    public RecordRow Row { get; }

    public RecordNormaliser Normaliser { get; }

    public readonly LocalTimeResolver Resolver => Normaliser.Resolver;

    public readonly ValidRange Range => Normaliser.Range;

    /// <summary>USD per unit of each currency, by code ignoring case.</summary>
    public readonly IReadOnlyDictionary<string, double> Rates => Normaliser.Rates;

    /// <summary>The zone of the record's office, once the office is known.</summary>
    public ZoneTimeResolver? Zone { get; set; }

    /// <summary>Set when the record's office is missing or unknown: its local times cannot be resolved, and that is already said.</summary>
    public bool OfficeRefused { get; set; }

    /// <summary>The DST folds and gaps this record's times fell in: the likely cause of an impossible order of times.</summary>
    public string? DstHint { get; private set; }

    public readonly bool Any => _problems is { Count: > 0 };

    public readonly bool Has(string field) => _problems?.Exists(p => p.Field == field) ?? false;

    public void Add(string field, string reason, string? raw) => (_problems ??= []).Add((field, reason, raw));

    public void NoteDst(string hint) => DstHint = DstHint is null ? hint : $"{DstHint}; {hint}";

    /// <summary>The date of a time field the source gives as a date only (its instant stays null: the time of day is unknown).</summary>
    public void SetDateOnly(int field, LocalDate date) => (_dateOnly ??= new LocalDate?[Raw.Schema.Fields.Count])[field] = date;

    public readonly LocalDate? DateOnly(int field) => _dateOnly?[field];

    /// <summary>A field's raw text (rebuilt from a value the source read), for quoting it.</summary>
    public readonly string? Text(string field) => Raw[Raw.Schema.IndexOf(field)].Text;

    public readonly string? Text(int field) => Raw[field].Text;

    /// <summary>The quarantine entry naming every problem, the first field at fault and its raw text.</summary>
    public readonly QuarantineEntry ToEntry(string? key, string? businessDateRaw)
    {
        var first = _problems![0];
        string reason = string.Join("; ", _problems.Select(p => $"{p.Field}: {p.Reason}"));
        return new QuarantineEntry(Raw.Schema.Name, Raw.SourceName, Raw.RowNumber, key, businessDateRaw, first.Field, reason, first.Raw);
    }
}
