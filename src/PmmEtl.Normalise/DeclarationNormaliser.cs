using System.Collections.Frozen;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using static PmmEtl.Core.Records.DeclarationFields;

namespace PmmEtl.Normalise;

/// <summary>
/// The only place that interprets raw declaration text: codes become canonical codes, local times become
/// instants in the office's tzdb zone through the run's <see cref="LocalTimeResolver"/>, and the per-declaration
/// durations are computed from instants only, so DST changes never distort minutes. A row that breaks a rule
/// becomes a <see cref="QuarantineEntry"/> naming every problem; it never stops the rows around it.
/// </summary>
public sealed class DeclarationNormaliser : IDeclarationNormaliser
{
    public const string RecordType = "declaration";

    /// <summary>The longest declaration id or trader id accepted (the warehouse key columns are this wide).</summary>
    public const int MaxKeyLength = 100;

    private static readonly Duration MaxSpan = Duration.FromDays(400);

    // The code lists frozen once: a frozen set of a few short strings finds one by its length and a character or two,
    // a little faster than a hash set, and each row looks up six of them.
    private static readonly CodeList DeclarationTypes = new(Codes.DeclarationTypes);
    private static readonly CodeList Directions = new(Codes.Directions);
    private static readonly CodeList TransportModes = new(Codes.TransportModes);
    private static readonly CodeList ControlChannels = new(Codes.ControlChannels);
    private static readonly CodeList SubmissionChannels = new(Codes.SubmissionChannels);
    private static readonly CodeList RiskLevels = new(Codes.RiskLevels);
    private static readonly FrozenSet<string> ElectronicChannels = Codes.ElectronicChannels.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, Office> _offices;
    private readonly LocalTimeResolver _resolver;

    public DeclarationNormaliser(IEnumerable<OfficeDefinition> offices, LocalTimeResolver resolver)
    {
        // One zone resolver per zone, shared by the offices in it, so the DST-free stretches it remembers serve them all.
        var zones = new Dictionary<DateTimeZone, ZoneTimeResolver>();
        _offices = offices.ToDictionary(
            o => o.Code,
            o => new Office(o, zones.TryGetValue(o.Zone, out ZoneTimeResolver? times) ? times : zones[o.Zone] = resolver.For(o.Zone)),
            StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _resolver = resolver;
    }

    public NormaliseResult Normalise(RawDeclaration raw)
    {
        // A struct: a row without problems (nearly all) allocates nothing for them.
        var problems = new Problems();
        string? id = Trimmed(raw.DeclarationId);
        if (id is { Length: > MaxKeyLength })
        {
            // Keys are bounded like the warehouse columns that hold them; a longer one is garbage, not an id.
            problems.Add(DeclarationId, $"declaration id longer than {MaxKeyLength} characters ({id.Length})", id[..40] + "…");
            id = null;
        }

        if (raw.SourceError is { } sourceError)
        {
            problems.Add(raw.SourceErrorField ?? "row", sourceError, null);
            return new NormaliseResult(null, problems.ToEntry(raw, id));
        }

        if (id is null && !problems.Has(DeclarationId))
        {
            problems.Add(DeclarationId, "missing declaration id", raw.DeclarationId);
        }

        string? type = Code(raw.DeclarationType, DeclarationTypes, DeclarationType, ref problems, required: true);
        string? direction = Code(raw.Direction, Directions, Direction, ref problems, required: false)
            ?? DirectionOf(type);
        if (direction is null && type is not null)
        {
            problems.Add(Direction, "a cargo declaration needs a direction (IMPORT, EXPORT or TRANSIT)", raw.Direction);
        }

        Office? office = null;
        string? officeCode = Trimmed(raw.OfficeCode);
        if (officeCode is null)
        {
            problems.Add(OfficeCode, "missing office", raw.OfficeCode);
        }
        else if (!_offices.TryGetValue(officeCode, out office))
        {
            problems.Add(OfficeCode, $"unknown office '{officeCode}' (not in the pipeline's office reference)", raw.OfficeCode);
        }

        LocalDate? businessDate = null;
        if (raw.BusinessDate is not null)
        {
            if (LocalTimeParser.TryParseDate(raw.BusinessDate, out LocalDate registered))
            {
                businessDate = registered;
            }
            else
            {
                problems.Add(BusinessDate, "unparsable business date (expected yyyy-MM-dd)", raw.BusinessDate);
            }
        }

        string? mode = Code(raw.ModeOfTransport, TransportModes, ModeOfTransport, ref problems, required: true);
        string? channel = Code(raw.ControlChannel, ControlChannels, ControlChannel, ref problems, required: true);
        string? submission = Code(raw.SubmissionChannel, SubmissionChannels, SubmissionChannel, ref problems, required: true);
        string? risk = Code(raw.RiskLevel, RiskLevels, RiskLevel, ref problems, required: false);
        bool aeo = Flag(raw.Aeo, Aeo, ref problems);
        bool preArrivalFlag = Flag(raw.PreArrival, PreArrival, ref problems);
        bool ecommerce = Flag(raw.Ecommerce, Ecommerce, ref problems);
        bool immediate = Flag(raw.ImmediateRelease, ImmediateRelease, ref problems);

        // Times can only be resolved once the office (and so the zone) is known.
        ZoneTimeResolver? zone = office?.Times;
        Instant? arrival = Time(raw.ArrivalLocalTime, ArrivalLocal, zone, ref problems);
        Instant? lodged = Time(raw.LodgedLocalTime, LodgedLocal, zone, ref problems);
        Instant? permit = Time(raw.OgaPermitLocalTime, OgaPermitLocal, zone, ref problems);
        Instant? inspectionStart = Time(raw.InspectionStartLocalTime, InspectionStartLocal, zone, ref problems);
        Instant? inspectionEnd = Time(raw.InspectionEndLocalTime, InspectionEndLocal, zone, ref problems);
        Instant? cleared = Time(raw.ClearedLocalTime, ClearedLocal, zone, ref problems);
        Instant? released = Time(raw.ReleasedLocalTime, ReleasedLocal, zone, ref problems);
        Instant? loaded = Time(raw.LoadedLocalTime, LoadedLocal, zone, ref problems);

        if (zone is not null && lodged is null && !problems.Has(LodgedLocal))
        {
            problems.Add(LodgedLocal, "missing lodgement time", raw.LodgedLocal);
        }

        Order(arrival, released, ReleasedLocal, "release before arrival of the goods", raw.ReleasedLocalTime, ref problems);
        Order(lodged, released, ReleasedLocal, "release before lodgement of the declaration", raw.ReleasedLocalTime, ref problems);
        Order(lodged, cleared, ClearedLocal, "clearance before lodgement of the declaration", raw.ClearedLocalTime, ref problems);
        Order(inspectionStart, inspectionEnd, InspectionEndLocal, "inspection ends before it starts", raw.InspectionEndLocalTime, ref problems);
        Order(released, loaded, LoadedLocal, "loaded on board before release", raw.LoadedLocalTime, ref problems);
        Absurd(arrival, lodged, ArrivalLocal, raw.ArrivalLocalTime, ref problems);
        Absurd(released, lodged, ReleasedLocal, raw.ReleasedLocalTime, ref problems);
        Absurd(cleared, lodged, ClearedLocal, raw.ClearedLocalTime, ref problems);
        Absurd(loaded, lodged, LoadedLocal, raw.LoadedLocalTime, ref problems);
        Order(arrival, loaded, LoadedLocal, "loaded on board before arrival of the goods", raw.LoadedLocalTime, ref problems);

        // Without a registered business date, the office's local date of the first milestone is the business date.
        if (businessDate is null && raw.BusinessDate is null && zone is not null && (arrival ?? lodged) is { } first)
        {
            businessDate = (arrival is { } a0 && lodged is { } l0 && l0 < a0 ? l0 : first).InZone(zone.Zone).Date;
        }
        else if (businessDate is null && raw.BusinessDate is null && !problems.Any)
        {
            problems.Add(BusinessDate, "missing business date and no milestone to derive it from", null);
        }

        if (problems.Any)
        {
            return new NormaliseResult(null, problems.ToEntry(raw, id));
        }

        Instant lodgedAt = lodged!.Value;
        bool isImport = type == "IMPORT";
        bool isExport = type == "EXPORT";
        return new NormaliseResult(new NormalisedDeclaration
        {
            SourceName = raw.SourceName,
            SourceRow = raw.RowNumber,
            DeclarationId = id!,
            DeclarationType = type!,
            Direction = direction!,
            OfficeCode = office!.Definition.Code,
            BusinessDate = businessDate!.Value,
            ModeOfTransport = mode!,
            ControlChannel = channel!,
            TraderId = Trimmed(raw.TraderId) is { Length: <= MaxKeyLength } trader ? trader : null,
            Aeo = aeo,
            // The national flag wins; a lodgement before arrival is an advance declaration even when unflagged.
            PreArrival = preArrivalFlag || (arrival is { } a && lodgedAt < a),
            Ecommerce = ecommerce,
            LowRisk = risk == "LOW",
            SubmissionChannel = submission!,
            Electronic = ElectronicChannels.Contains(submission!),
            ImmediateRelease = immediate,
            ArrivalAt = arrival,
            LodgedAt = lodgedAt,
            OgaPermitAt = permit,
            InspectionStartAt = inspectionStart,
            InspectionEndAt = inspectionEnd,
            ClearedAt = cleared,
            ReleasedAt = released,
            LoadedAt = loaded,
            ArrivalToRelease = isImport && arrival is { } ia && released is { } ir
                ? ResponsibleActorSplit.Compute(ia, ir, arrival, lodgedAt, permit, released)
                : null,
            LodgementToLoading = isExport && loaded is { } el
                ? ResponsibleActorSplit.Compute(lodgedAt, el, arrival, lodgedAt, permit, released)
                : null,
            ArrivalToLoading = isExport && arrival is { } ea && loaded is { } eal
                ? ResponsibleActorSplit.Compute(ea, eal, arrival, lodgedAt, permit, released)
                : null,
            LodgementToClearanceMinutes = cleared is { } c ? ResponsibleActorSplit.Minutes(lodgedAt, c) : null,
        }, null);
    }

    private static string? DirectionOf(string? type) => type switch
    {
        "IMPORT" => "IMPORT",
        "EXPORT" => "EXPORT",
        "TRANSIT" => "TRANSIT",
        _ => null,
    };

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Code(string? text, CodeList allowed, string field, ref Problems problems, bool required)
    {
        string? value = Trimmed(text)?.ToUpperInvariant();
        if (value is null)
        {
            if (required)
            {
                problems.Add(field, "missing value", text);
            }

            return null;
        }

        if (!allowed.Contains(value))
        {
            problems.Add(field, $"unknown code '{value}' (expected one of {allowed.Listed})", text);
            return null;
        }

        return value;
    }

    private static bool Flag(string? text, string field, ref Problems problems)
    {
        // A missing flag means "no": national systems commonly leave unset indicators empty.
        switch (Trimmed(text)?.ToUpperInvariant())
        {
            case null or "0" or "N" or "NO" or "FALSE" or "F":
                return false;
            case "1" or "Y" or "YES" or "TRUE" or "T":
                return true;
            default:
                problems.Add(field, "not a yes/no flag (expected 1/0, Y/N or true/false)", text);
                return false;
        }
    }

    private Instant? Time(LocalTimeText time, string field, ZoneTimeResolver? zone, ref Problems problems)
    {
        LocalDateTime local;
        if (time.HasValue)
        {
            // The source read the fixed-width shape itself: the same value the parser would give for its text.
            local = time.Value;
        }
        else
        {
            string? text = time.Text;
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (!LocalTimeParser.TryParse(text, out local))
            {
                // A time with its own offset is already an instant: the office's zone and the DST policy do not apply.
                if (LocalTimeParser.TryParseInstant(text, out Instant exact))
                {
                    return exact;
                }

                problems.Add(field, "unparsable time (expected yyyy-MM-dd HH:mm[:ss] local, or ISO-8601 with an offset)", text);
                return null;
            }
        }

        if (zone is null)
        {
            return null;
        }

        Resolution resolution = zone.Resolve(local);
        if (resolution.Kind != ResolutionKind.Unique)
        {
            problems.NoteDst(field, resolution.Kind == ResolutionKind.Ambiguous
                ? $"{field} occurs twice in {zone.Zone.Id} (DST fold) and the policy took the {(_resolver.Policy.Ambiguous == AmbiguousTimePolicy.Later ? "later" : "earlier")} instant"
                : $"{field} does not exist in {zone.Zone.Id} (DST gap) and the policy shifted it");
        }

        if (resolution.Rejected)
        {
            string what = resolution.Kind == ResolutionKind.Ambiguous ? "occurs twice (DST fold)" : "does not exist (DST gap)";
            problems.Add(field, $"local time {what} in {zone.Zone.Id} and the DST policy rejects it", time.Text);
        }

        return resolution.Instant;
    }

    private static void Order(Instant? earlier, Instant? later, string field, string reason, LocalTimeText raw, ref Problems problems)
    {
        if (earlier is { } e && later is { } l && l < e)
        {
            // A fold or gap is the usual cause of an impossible order in clean data: say so, so the
            // administration can see whether a different DST policy would have kept the row.
            problems.Add(field, problems.DstHint is { } hint ? $"{reason} ({hint})" : reason, raw.Text);
        }
    }

    private static void Absurd(Instant? at, Instant? lodged, string field, LocalTimeText raw, ref Problems problems)
    {
        // A milestone more than a year from the lodgement is a typing error (2052 for 2025), not a slow release.
        if (at is { } t && lodged is { } l && ((t - l) > MaxSpan || (l - t) > MaxSpan))
        {
            problems.Add(field, $"absurd duration: more than {MaxSpan.Days} days from the lodgement", raw.Text);
        }
    }

    /// <summary>A canonical code list: frozen for the lookup, and listed in its own order for the reason of a refusal.</summary>
    private sealed class CodeList(IReadOnlySet<string> codes)
    {
        private readonly FrozenSet<string> _codes = codes.ToFrozenSet(StringComparer.Ordinal);

        public string Listed { get; } = string.Join(", ", codes);

        public bool Contains(string code) => _codes.Contains(code);
    }

    /// <summary>An office of the pipeline's reference and its zone's resolver.</summary>
    private sealed record Office(OfficeDefinition Definition, ZoneTimeResolver Times);

    /// <summary>
    /// Collects every problem of one row, so the quarantine says all that is wrong at once. A struct passed by
    /// reference: its list exists only once a problem does.
    /// </summary>
    private struct Problems
    {
        private List<(string Field, string Reason, string? Raw)>? _items;

        public readonly bool Any => _items is { Count: > 0 };

        public string? DstHint { readonly get; private set; }

        public readonly bool Has(string field)
        {
            if (_items is null)
            {
                return false;
            }

            foreach ((string Field, string, string?) item in _items)
            {
                if (item.Field == field)
                {
                    return true;
                }
            }

            return false;
        }

        public void Add(string field, string reason, string? raw) => (_items ??= []).Add((field, reason, raw));

        public void NoteDst(string field, string hint) => DstHint = DstHint is null ? hint : $"{DstHint}; {hint}";

        public readonly QuarantineEntry ToEntry(RawDeclaration raw, string? key)
        {
            var first = _items![0];
            string reason = string.Join("; ", _items.Select(p => $"{p.Field}: {p.Reason}"));
            return new QuarantineEntry(RecordType, raw.SourceName, raw.RowNumber, key, raw.BusinessDate, first.Field, reason, first.Raw);
        }
    }
}
