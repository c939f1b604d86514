using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Files;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// Assembles a declaration from a declaration message and the events its notifications reported (<see cref="WcoRows"/>
/// makes the raw row of it). The message gives identity (LRN; MRN from the notifications), type, office, transport
/// mode, trader and AEO status through the pipeline's field mapping; the notifications give the milestones:
/// lodged = first receipt or acceptance, inspection start = control, released = release (or clearance when no release
/// was notified), cleared = clearance, loaded = exit, arrival = an arrival notification or the message's arrival time.
/// The control channel follows from the events unless mapped: control → RED, documents required → YELLOW, else
/// GREEN. A rejected (before any acceptance) or invalidated declaration is refused: it is not a clearance. A message
/// that names no office takes <c>source.wco.default_office</c>, if the pipeline gives one.
/// </summary>
public sealed class WcoDeclarationAssembler
{
    public const string LrnPath = "FunctionalReferenceID";
    public const string MrnPath = "ID";
    public const string FunctionCodePath = "FunctionCode";

    private readonly WcoXmlSourceSettings _settings;
    private readonly SourceCounts _counts;
    private readonly FieldPlan[] _fields;
    private readonly bool _channelMapped;

    public WcoDeclarationAssembler(WcoXmlSourceSettings settings, SourceCounts counts)
    {
        _settings = settings;
        _counts = counts;
        _fields = RecordTypes.Declaration.Fields
            .Where(f => !f.Derived && f.Name != DeclarationFields.DeclarationId && settings.Fields.ContainsKey(f.Name))
            .Select(f => new FieldPlan(f.Name, settings.Fields[f.Name]))
            .ToArray();
        _channelMapped = settings.Fields.ContainsKey(DeclarationFields.ControlChannel);
        Paths = WcoPathTrie.Build(_fields.SelectMany(f => f.Mapping.Paths).Append(LrnPath).Append(MrnPath).Append(FunctionCodePath).Distinct(StringComparer.Ordinal));
    }

    /// <summary>Every element path the declaration messages are read for.</summary>
    public WcoPathTrie Paths { get; }

    /// <summary>The declaration fields this source gives: those mapped from the message, and the milestones and channel the notifications give.</summary>
    public IReadOnlySet<string> Given => new HashSet<string>(
        [DeclarationFields.DeclarationId, .. _fields.Select(f => f.Name), DeclarationFields.ControlChannel, DeclarationFields.LodgedLocal,
         DeclarationFields.InspectionStartLocal, DeclarationFields.ClearedLocal, DeclarationFields.ReleasedLocal, DeclarationFields.LoadedLocal,
         .. _settings.DefaultOffice is not null ? [DeclarationFields.OfficeCode] : Array.Empty<string>(),
         .. _settings.FunctionCodes.Values.Contains(WcoEvent.Arrived) ? [DeclarationFields.ArrivalLocal] : Array.Empty<string>()],
        StringComparer.Ordinal);

    /// <summary>An original declaration; amendment and cancellation requests (function code 13) are not new declarations.</summary>
    public bool IsDeclaration(WcoElement message) =>
        message.Text(FunctionCodePath) is not { } code || _settings.DeclarationFunctionCodes.Contains(code);

    public WcoDeclaration Build(string file, WcoElement message, WcoNotificationIndex index)
    {
        var declaration = new WcoDeclaration(file, message.Line);
        List<WcoProblem> problems = declaration.Problems;
        string? lrn = message.Text(LrnPath);
        WcoDeclarationEvents? events = Claim(message.Values, index, out string? id);
        declaration.Id = id;
        if (id is null)
        {
            problems.Add(new(DeclarationFields.DeclarationId, "no FunctionalReferenceID (LRN) nor ID (MRN)", WcoCounts.NoDeclarationId));
        }

        foreach (FieldPlan field in _fields)
        {
            string? value = field.Resolve(message, out string? error, out bool withoutFormatCode);
            if (withoutFormatCode)
            {
                _counts.Add(WcoCounts.TimesWithoutFormatCode);
            }

            if (error is not null)
            {
                problems.Add(new(field.Name, error, WcoCounts.UnreadableField));
            }

            declaration.Fields[field.Name] = value;
        }

        if (_settings.DefaultOffice is { } office && string.IsNullOrWhiteSpace(declaration.Fields.GetValueOrDefault(DeclarationFields.OfficeCode)))
        {
            // The message names no office (many import messages name none): the pipeline's stated default, counted.
            declaration.Fields[DeclarationFields.OfficeCode] = office;
            _counts.Add(WcoCounts.DefaultOfficeUsed);
        }

        if (events is null)
        {
            problems.Add(new("notification", $"no notification names this declaration (LRN {lrn ?? "none"}): it was never received, accepted or released", WcoCounts.NeverNotified));
        }
        else
        {
            ApplyEvents(declaration, events);
        }

        return declaration;
    }

    /// <summary>
    /// The id of a declaration message that cannot be read (truncated, over a limit) from what was read of it, its
    /// notifications claimed so they are not refused a second time as notifications without a declaration.
    /// </summary>
    public string? ClaimRefused(IReadOnlyDictionary<string, List<WcoValue>>? partial, WcoNotificationIndex index)
    {
        if (partial is null)
        {
            return null;
        }

        Claim(partial, index, out string? id);
        return id;
    }

    /// <summary>The notifications of a message (by its LRN, and its MRN if it carries one), and its id under the pipeline's identity.</summary>
    private WcoDeclarationEvents? Claim(IReadOnlyDictionary<string, List<WcoValue>> values, WcoNotificationIndex index, out string? id)
    {
        string? lrn = Text(values, LrnPath);
        string? ownMrn = Text(values, MrnPath);
        WcoDeclarationEvents? events = index.Claim(lrn, ownMrn);
        string? mrn = ownMrn ?? events?.Mrn;
        id = _settings.Identity == WcoIdentity.Mrn ? mrn ?? lrn : lrn ?? mrn;
        return events;

        static string? Text(IReadOnlyDictionary<string, List<WcoValue>> values, string path) =>
            values.TryGetValue(path, out List<WcoValue>? list) && list is [var first, ..] && !string.IsNullOrWhiteSpace(first.Text) ? first.Text.Trim() : null;
    }

    private void ApplyEvents(WcoDeclaration declaration, WcoDeclarationEvents events)
    {
        Dictionary<string, string?> fields = declaration.Fields;
        List<WcoProblem> problems = declaration.Problems;
        Set(DeclarationFields.LodgedLocal, events.Earliest(WcoEvent.Received, WcoEvent.Accepted));
        Set(DeclarationFields.ArrivalLocal, events[WcoEvent.Arrived]);
        Set(DeclarationFields.InspectionStartLocal, events[WcoEvent.Control]);
        Set(DeclarationFields.ClearedLocal, events[WcoEvent.Cleared]);
        Set(DeclarationFields.ReleasedLocal, events[WcoEvent.Released] ?? events[WcoEvent.Cleared]);
        Set(DeclarationFields.LoadedLocal, events[WcoEvent.Exited]);
        if (!_channelMapped)
        {
            fields[DeclarationFields.ControlChannel] = events[WcoEvent.Control] is not null ? "RED"
                : events[WcoEvent.DocumentsRequired] is not null ? "YELLOW"
                : "GREEN";
        }

        if (events.Problem is { } problem)
        {
            problems.Add(new("notification", problem, events.ProblemKind!));
        }

        if (events[WcoEvent.Invalidated] is { } invalidated)
        {
            problems.Add(new("notification", $"invalidated by customs at {Iso(invalidated)}: an invalidated declaration is not a valid clearance", WcoCounts.Invalidated));
        }
        else if (events[WcoEvent.Rejected] is { } rejected && events[WcoEvent.Accepted] is null)
        {
            // A rejection after acceptance refuses an amendment or a cancellation request, not the declaration.
            problems.Add(new("notification", $"rejected by customs at {Iso(rejected)} and never accepted: a rejected declaration is not a clearance", WcoCounts.Rejected));
        }

        void Set(string field, OffsetDateTime? at)
        {
            if (at is { } value)
            {
                fields[field] = Iso(value);
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
        public string? Resolve(WcoElement message, out string? error, out bool withoutFormatCode)
        {
            error = null;
            withoutFormatCode = false;
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
                    return WcoDateTime.ToIsoText(values[0], out error, out withoutFormatCode);
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
