using NodaTime;
using PmmEtl.Core.Records;
using static PmmEtl.Core.Records.DeclarationFields;

namespace PmmEtl.Normalise;

/// <summary>
/// The declaration's own rules, run after its fields are read: its direction and business date where the source gives
/// none, the order of its milestones, the pre-arrival and derived flags, and the measured intervals with their
/// responsible-actor split, from instants only. A field the source does not give is left null, and so is every
/// interval or part that rests on it: the OGA and Customs parts are not told apart without the OGA permit.
/// </summary>
internal sealed class DeclarationRules
{
    private static readonly Duration MaxSpan = Duration.FromDays(400);

    private readonly int _type;
    private readonly int _direction;
    private readonly int _businessDate;
    private readonly int _preArrival;
    private readonly int _risk;
    private readonly int _submission;
    private readonly int _arrival;
    private readonly int _lodged;
    private readonly int _permit;
    private readonly int _inspectionStart;
    private readonly int _inspectionEnd;
    private readonly int _cleared;
    private readonly int _released;
    private readonly int _loaded;
    private readonly int _lowRisk;
    private readonly int _electronic;
    private readonly Interval _arrivalToRelease;
    private readonly Interval _lodgementToLoading;
    private readonly Interval _arrivalToLoading;
    private readonly int _lodgementToClearance;
    private readonly int _lodgementToRelease;
    private readonly bool _preArrivalGiven;
    private readonly bool _riskGiven;
    private readonly bool _submissionGiven;
    private readonly bool _permitGiven;

    public DeclarationRules(RecordSchema type, IReadOnlySet<string> absent)
    {
        _type = type.IndexOf(DeclarationType);
        _direction = type.IndexOf(Direction);
        _businessDate = type.IndexOf(BusinessDate);
        _preArrival = type.IndexOf(PreArrival);
        _risk = type.IndexOf(RiskLevel);
        _submission = type.IndexOf(SubmissionChannel);
        _arrival = type.IndexOf(ArrivalLocal);
        _lodged = type.IndexOf(LodgedLocal);
        _permit = type.IndexOf(OgaPermitLocal);
        _inspectionStart = type.IndexOf(InspectionStartLocal);
        _inspectionEnd = type.IndexOf(InspectionEndLocal);
        _cleared = type.IndexOf(ClearedLocal);
        _released = type.IndexOf(ReleasedLocal);
        _loaded = type.IndexOf(LoadedLocal);
        _lowRisk = type.IndexOf("is_low_risk");
        _electronic = type.IndexOf("is_electronic");
        _arrivalToRelease = new Interval(type, "arrival_to_release");
        _lodgementToLoading = new Interval(type, "lodgement_to_loading");
        _arrivalToLoading = new Interval(type, "arrival_to_loading");
        _lodgementToClearance = type.IndexOf("lodgement_to_clearance_min");
        _lodgementToRelease = type.IndexOf("lodgement_to_release_min");
        _preArrivalGiven = !absent.Contains(PreArrival);
        _riskGiven = !absent.Contains(RiskLevel);
        _submissionGiven = !absent.Contains(SubmissionChannel);
        _permitGiven = !absent.Contains(OgaPermitLocal);
    }

    public void Apply(ref RowState state)
    {
        RecordRow row = state.Row;
        string? type = row.Text(_type);
        if (row.Text(_direction) is null && !state.Has(Direction) && type is not null)
        {
            switch (type)
            {
                case "IMPORT" or "EXPORT" or "TRANSIT":
                    row.SetText(_direction, type);
                    break;
                case "CARGO":
                    state.Add(Direction, "a cargo declaration needs a direction (IMPORT, EXPORT or TRANSIT)", state.Text(_direction));
                    break;
            }
        }

        Instant? arrival = row.Instant(_arrival);
        Instant? lodged = row.Instant(_lodged);
        Instant? permit = row.Instant(_permit);
        Instant? released = row.Instant(_released);
        Instant? cleared = row.Instant(_cleared);
        Instant? loaded = row.Instant(_loaded);
        Order(arrival, released, _released, ReleasedLocal, "release before arrival of the goods", ref state);
        Order(lodged, released, _released, ReleasedLocal, "release before lodgement of the declaration", ref state);
        Order(lodged, cleared, _cleared, ClearedLocal, "clearance before lodgement of the declaration", ref state);
        Order(row.Instant(_inspectionStart), row.Instant(_inspectionEnd), _inspectionEnd, InspectionEndLocal, "inspection ends before it starts", ref state);
        Order(released, loaded, _loaded, LoadedLocal, "loaded on board before release", ref state);
        Absurd(arrival, lodged, _arrival, ArrivalLocal, ref state);
        Absurd(released, lodged, _released, ReleasedLocal, ref state);
        Absurd(cleared, lodged, _cleared, ClearedLocal, ref state);
        Absurd(loaded, lodged, _loaded, LoadedLocal, ref state);
        Order(arrival, loaded, _loaded, LoadedLocal, "loaded on board before arrival of the goods", ref state);

        // Without a registered business date, the office's local date of the first milestone is the business date.
        if (row.Date(_businessDate) is null && !state.Has(BusinessDate))
        {
            if (FirstMilestoneDate(arrival, lodged, ref state) is { } first)
            {
                row.SetDate(_businessDate, first);
            }
            else if (!state.Any)
            {
                state.Add(BusinessDate, "missing business date and no milestone to derive it from", null);
            }
        }

        // The national flag wins; a lodgement before arrival is an advance declaration even when unflagged.
        bool early = arrival is { } a0 && lodged is { } l0 && l0 < a0;
        if (_preArrivalGiven)
        {
            row.SetBool(_preArrival, (row.Bool(_preArrival) ?? false) || early);
        }
        else if (arrival is not null && lodged is not null)
        {
            row.SetBool(_preArrival, early);
        }

        if (_riskGiven)
        {
            row.SetBool(_lowRisk, row.Text(_risk) == "LOW");
        }

        if (_submissionGiven && row.Text(_submission) is { } channel)
        {
            row.SetBool(_electronic, Codes.ElectronicChannels.Contains(channel));
        }

        if (state.Any)
        {
            return;
        }

        Instant? split = _permitGiven ? permit : null;
        if (type == "IMPORT" && arrival is { } ia && released is { } ir)
        {
            _arrivalToRelease.Set(row, ia, ir, arrival, lodged, split, released, _permitGiven);
        }

        if (type == "EXPORT" && lodged is { } el && loaded is { } ell)
        {
            _lodgementToLoading.Set(row, el, ell, arrival, lodged, split, released, _permitGiven);
        }

        if (type == "EXPORT" && arrival is { } ea && loaded is { } eal)
        {
            _arrivalToLoading.Set(row, ea, eal, arrival, lodged, split, released, _permitGiven);
        }

        if (lodged is { } cl && cleared is { } cc)
        {
            row.SetNumber(_lodgementToClearance, ResponsibleActorSplit.Minutes(cl, cc));
        }

        if (lodged is { } rl && released is { } rr)
        {
            row.SetNumber(_lodgementToRelease, ResponsibleActorSplit.Minutes(rl, rr));
        }
    }

    /// <summary>The earlier of arrival and lodgement, as the office's local date; from a date-only source, its date.</summary>
    private LocalDate? FirstMilestoneDate(Instant? arrival, Instant? lodged, ref RowState state)
    {
        if (state.Zone is { } zone && (arrival ?? lodged) is { } first)
        {
            return (arrival is { } a && lodged is { } l && l < a ? l : first).InZone(zone.Zone).Date;
        }

        LocalDate? arrivalDate = state.DateOnly(_arrival);
        LocalDate? lodgedDate = state.DateOnly(_lodged);
        return arrivalDate is { } ad && lodgedDate is { } ld ? (ld < ad ? ld : ad) : arrivalDate ?? lodgedDate;
    }

    private static void Order(Instant? earlier, Instant? later, int field, string name, string reason, ref RowState state)
    {
        if (earlier is { } e && later is { } l && l < e)
        {
            // A fold or gap is the usual cause of an impossible order in clean data: say so, so the
            // administration can see whether a different DST policy would have kept the row.
            state.Add(name, state.DstHint is { } hint ? $"{reason} ({hint})" : reason, state.Text(field));
        }
    }

    private static void Absurd(Instant? at, Instant? lodged, int field, string name, ref RowState state)
    {
        // A milestone more than a year from the lodgement is a typing error (2052 for 2025), not a slow release.
        if (at is { } t && lodged is { } l && ((t - l) > MaxSpan || (l - t) > MaxSpan))
        {
            state.Add(name, $"absurd duration: more than {MaxSpan.Days} days from the lodgement", state.Text(field));
        }
    }

    /// <summary>The four fields of one measured interval: total, Business, OGA and Customs minutes.</summary>
    private readonly struct Interval(RecordSchema type, string stem)
    {
        private readonly int _total = type.IndexOf(stem + "_min");
        private readonly int _business = type.IndexOf(stem + "_business_min");
        private readonly int _oga = type.IndexOf(stem + "_oga_min");
        private readonly int _customs = type.IndexOf(stem + "_customs_min");

        /// <summary>The total always; the parts where lodgement is known, and OGA and Customs apart only where the source gives OGA permits.</summary>
        public void Set(RecordRow row, Instant start, Instant end, Instant? arrival, Instant? lodged, Instant? permit, Instant? released, bool permitGiven)
        {
            if (lodged is not { } l)
            {
                row.SetNumber(_total, ResponsibleActorSplit.Minutes(start, end));
                return;
            }

            ActorSplit split = ResponsibleActorSplit.Compute(start, end, arrival, l, permit, released);
            row.SetNumber(_total, split.TotalMinutes);
            row.SetNumber(_business, split.BusinessMinutes);
            if (permitGiven)
            {
                row.SetNumber(_oga, split.OgaMinutes);
                row.SetNumber(_customs, split.CustomsMinutes);
            }
        }
    }
}
