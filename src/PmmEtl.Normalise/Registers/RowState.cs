using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Registers;
using PmmEtl.Core.Time;

namespace PmmEtl.Normalise.Registers;

/// <summary>What one row's parsers and derivations share: the raw record, the office's zone, the run's resolver and rates, and the row's problems.</summary>
internal struct RowState
{
    private List<(string Field, string Reason, string? Raw)>? _problems;

    public RowState(RawRecord raw, LocalTimeResolver resolver, IReadOnlyDictionary<string, double> rates)
    {
        Raw = raw;
        Resolver = resolver;
        Rates = rates;
    }

    public RawRecord Raw { get; }

    public LocalTimeResolver Resolver { get; }

    /// <summary>USD per unit of each currency, by code ignoring case.</summary>
    public IReadOnlyDictionary<string, double> Rates { get; }

    /// <summary>The zone of the record's office, once the office is known.</summary>
    public DateTimeZone? Zone { get; set; }

    /// <summary>Set when the record's office is missing or unknown: its local times cannot be resolved, and that is already said.</summary>
    public bool OfficeRefused { get; set; }

    /// <summary>The DST folds and gaps this row's times fell in: the likely cause of an impossible order of times.</summary>
    public string? DstHint { get; private set; }

    public readonly bool Any => _problems is { Count: > 0 };

    public readonly bool Has(string field) => _problems?.Exists(p => p.Field == field) ?? false;

    public void Add(string field, string reason, string? raw) => (_problems ??= []).Add((field, reason, raw));

    public void NoteDst(string hint) => DstHint = DstHint is null ? hint : $"{DstHint}; {hint}";

    public readonly string? Text(string field) => Raw.Fields.TryGetValue(field, out string? text) ? text : null;

    /// <summary>The quarantine entry naming every problem, the first field at fault and its raw text.</summary>
    public readonly QuarantineEntry ToEntry(string? key, string? businessDateRaw)
    {
        var first = _problems![0];
        string reason = string.Join("; ", _problems.Select(p => $"{p.Field}: {p.Reason}"));
        return new QuarantineEntry(Raw.Register.Name, Raw.SourceName, Raw.RowNumber, key, businessDateRaw, first.Field, reason, first.Raw);
    }
}
