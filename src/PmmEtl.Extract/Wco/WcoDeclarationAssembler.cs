using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Files;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// Builds a raw declaration from a declaration message and the events its notifications reported. The message gives
/// identity (LRN; MRN from the notifications), type, office, transport mode, trader and AEO status through the
/// pipeline's field mapping; the notifications give the milestones: lodged = first receipt or acceptance, inspection
/// start = control, released = release (or clearance when no release was notified), cleared = clearance,
/// loaded = exit, arrival = an arrival notification or the message's arrival time. The control channel follows from
/// the events unless mapped: control → RED, documents required → YELLOW, else GREEN. A rejected (before any
/// acceptance) or invalidated declaration is refused: it is not a clearance.
/// </summary>
public sealed class WcoDeclarationAssembler
{
    public const string LrnPath = "FunctionalReferenceID";
    public const string MrnPath = "ID";
    public const string FunctionCodePath = "FunctionCode";

    private readonly WcoXmlSourceSettings _settings;
    private readonly FieldPlan[] _fields;
    private readonly bool _channelMapped;

    public WcoDeclarationAssembler(WcoXmlSourceSettings settings)
    {
        _settings = settings;
        _fields = RecordTypes.Declaration.Fields
            .Where(f => !f.Derived && f.Name != DeclarationFields.DeclarationId && settings.Fields.ContainsKey(f.Name))
            .Select(f => new FieldPlan(f.Name, settings.Fields[f.Name]))
            .ToArray();
        _channelMapped = settings.Fields.ContainsKey(DeclarationFields.ControlChannel);
        Paths = new HashSet<string>(_fields.SelectMany(f => f.Mapping.Paths).Append(LrnPath).Append(MrnPath).Append(FunctionCodePath), StringComparer.Ordinal);
    }

    /// <summary>Every element path the declaration messages are read for.</summary>
    public IReadOnlySet<string> Paths { get; }

    /// <summary>An original declaration; amendment and cancellation requests (function code 13) are not new declarations.</summary>
    public bool IsDeclaration(WcoElement message) =>
        message.Text(FunctionCodePath) is not { } code || _settings.DeclarationFunctionCodes.Contains(code);

    /// <summary>The declaration fields this source gives: those mapped from the message, and the milestones and channel the notifications give.</summary>
    public IReadOnlySet<string> Given => new HashSet<string>(
        [DeclarationFields.DeclarationId, .. _fields.Select(f => f.Name), DeclarationFields.ControlChannel, DeclarationFields.LodgedLocal,
         DeclarationFields.InspectionStartLocal, DeclarationFields.ClearedLocal, DeclarationFields.ReleasedLocal, DeclarationFields.LoadedLocal,
         .. _settings.FunctionCodes.Values.Contains(WcoEvent.Arrived) ? [DeclarationFields.ArrivalLocal] : Array.Empty<string>()],
        StringComparer.Ordinal);

    public RawRecord Build(string file, WcoElement message, WcoNotificationIndex index)
    {
        var raw = new RawRecord(RecordTypes.Declaration, file, message.Line);
        var problems = new List<(string Field, string Reason)>();
        string? lrn = message.Text(LrnPath);
        string? ownMrn = message.Text(MrnPath);
        WcoDeclarationEvents? events = index.Claim(lrn, ownMrn);
        string? mrn = ownMrn ?? events?.Mrn;
        raw[DeclarationFields.DeclarationId] = _settings.Identity == WcoIdentity.Mrn ? mrn ?? lrn : lrn ?? mrn;
        if (raw[DeclarationFields.DeclarationId] is null)
        {
            problems.Add((DeclarationFields.DeclarationId, "no FunctionalReferenceID (LRN) nor ID (MRN)"));
        }

        foreach (FieldPlan field in _fields)
        {
            string? value = field.Resolve(message, out string? error);
            if (error is not null)
            {
                problems.Add((field.Name, error));
            }

            raw[field.Name] = value;
        }

        if (events is null)
        {
            problems.Add(("notification", $"no notification names this declaration (LRN {lrn ?? "none"}): it was never received, accepted or released"));
        }
        else
        {
            ApplyEvents(raw, events, problems);
        }

        if (problems.Count > 0)
        {
            raw.SourceError = $"{Path.GetFileName(file)} line {message.Line}: {string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}"))}";
            raw.SourceErrorField = problems[0].Field;
        }

        return raw;
    }

    private void ApplyEvents(RawRecord raw, WcoDeclarationEvents events, List<(string Field, string Reason)> problems)
    {
        Set(events.Earliest(WcoEvent.Received, WcoEvent.Accepted), v => raw[DeclarationFields.LodgedLocal] = v);
        Set(events[WcoEvent.Arrived], v => raw[DeclarationFields.ArrivalLocal] = v);
        Set(events[WcoEvent.Control], v => raw[DeclarationFields.InspectionStartLocal] = v);
        Set(events[WcoEvent.Cleared], v => raw[DeclarationFields.ClearedLocal] = v);
        Set(events[WcoEvent.Released] ?? events[WcoEvent.Cleared], v => raw[DeclarationFields.ReleasedLocal] = v);
        Set(events[WcoEvent.Exited], v => raw[DeclarationFields.LoadedLocal] = v);
        if (!_channelMapped)
        {
            raw[DeclarationFields.ControlChannel] = events[WcoEvent.Control] is not null ? "RED"
                : events[WcoEvent.DocumentsRequired] is not null ? "YELLOW"
                : "GREEN";
        }

        if (events.Problem is { } problem)
        {
            problems.Add(("notification", problem));
        }

        if (events[WcoEvent.Invalidated] is { } invalidated)
        {
            problems.Add(("notification", $"invalidated by customs at {Iso(invalidated)}: an invalidated declaration is not a valid clearance"));
        }
        else if (events[WcoEvent.Rejected] is { } rejected && events[WcoEvent.Accepted] is null)
        {
            // A rejection after acceptance refuses an amendment or a cancellation request, not the declaration.
            problems.Add(("notification", $"rejected by customs at {Iso(rejected)} and never accepted: a rejected declaration is not a clearance"));
        }

        static void Set(OffsetDateTime? at, Action<string> set)
        {
            if (at is { } value)
            {
                set(Iso(value));
            }
        }
    }

    private static string Iso(OffsetDateTime at) => WcoDateTime.IsoOffset.Format(at);

    private sealed class FieldPlan(string name, WcoFieldMapping mapping)
    {
        private readonly CodeMap? _map = mapping.Map is { Count: > 0 } map ? new CodeMap(map) : null;
        private readonly bool _time = name.EndsWith("_local", StringComparison.Ordinal);

        public string Name { get; } = name;
        public WcoFieldMapping Mapping { get; } = mapping;

        /// <summary>The first listed path that occurs gives the value; of its occurrences, the first the code map knows.</summary>
        public string? Resolve(WcoElement message, out string? error)
        {
            error = null;
            if (Mapping.Constant is { } constant)
            {
                return constant;
            }

            foreach (string path in Mapping.Paths)
            {
                if (!message.Values.TryGetValue(path, out List<WcoValue>? values) || values.Count == 0)
                {
                    continue;
                }

                if (_time)
                {
                    return WcoDateTime.ToIsoText(values[0], out error);
                }

                if (_map is null)
                {
                    return Blank(values[0].Text) ? Mapping.Default : values[0].Text.Trim();
                }

                foreach (WcoValue value in values)
                {
                    if (_map.TryMap(value.Text, out string mapped))
                    {
                        return mapped;
                    }
                }

                // Unmapped: the default if there is one, else the national code as it is, for the normaliser to refuse by name.
                return Mapping.Default ?? (Blank(values[0].Text) ? null : values[0].Text.Trim());
            }

            return Mapping.Default;
        }

        private static bool Blank(string text) => string.IsNullOrWhiteSpace(text);
    }
}
