using NodaTime;
using PmmEtl.Core.Records;

namespace PmmEtl.Normalise;

/// <summary>One rule of a record type, run after its fields are read: a derived field, or a check across fields.</summary>
internal delegate void RecordRule(ref RowState state);

/// <summary>
/// The rules of every record type: the rule behind every derived field of <see cref="RecordTypes"/>, by type and field,
/// and the declaration's own rules (<see cref="DeclarationRules"/>). A type whose schema gains a derived field without
/// a rule here fails when the normaliser is built, not silently at load. A derived field whose inputs are null is null.
/// </summary>
internal static class RecordRules
{
    private static readonly Dictionary<(string Type, string Field), Func<RecordSchema, int, RecordRule>> Derivations = new()
    {
        [("declaration_amount", "statistical_value_usd")] = (r, t) => Usd(r, "statistical_value", t),
        [("declaration_amount", "customs_duty_usd")] = (r, t) => Usd(r, "customs_duty", t),
        [("shipment", "duty_tax_usd")] = (r, t) => Usd(r, "duty_tax", t),
        [("pcc_case", "duty_adjusted_usd")] = (r, t) => Usd(r, "duty_adjusted", t),
        [("shipment", "advance_before_arrival")] = AdvanceBeforeArrival,
        [("shipment", "clearance_minutes")] = ClearanceMinutes,
        [("binding_ruling", "valid_until")] = ValidUntil,
        [("competency_assessment", "has_gap")] = HasGap,
        [("training", "counts_as_course")] = CountsAsCourse,
        [("service_request", "within_standard")] = WithinStandard,
    };

    public static RecordRule[] For(RecordSchema type, IReadOnlySet<string> absent)
    {
        if (type.Name == RecordTypes.Declaration.Name)
        {
            // The declaration's derived fields and checks are one set of rules over its milestones.
            return [new DeclarationRules(type, absent).Apply];
        }

        return type.Fields.Where(f => f.Derived)
            .Select(f => Derivations.TryGetValue((type.Name, f.Name), out var rule)
                ? rule(type, type.IndexOf(f.Name))
                : throw new InvalidOperationException($"{type.Name}.{f.Name} is derived but the normaliser has no rule for it"))
            .ToArray();
    }

    /// <summary>An amount in USD at the cycle's rate of the record's currency; an amount in a currency without a rate is refused, naming the currency.</summary>
    private static RecordRule Usd(RecordSchema type, string amountField, int target)
    {
        int amount = type.IndexOf(amountField);
        int currency = type.IndexOf("currency");
        return (ref RowState state) =>
        {
            if (state.Row.Number(amount) is not { } value)
            {
                return;
            }

            if (state.Row.Text(currency) is not { } code)
            {
                if (!state.Has("currency"))
                {
                    state.Add("currency", $"missing currency for {amountField}", state.Text(currency));
                }

                return;
            }

            if (state.Rates.TryGetValue(code, out double rate))
            {
                state.Row.SetNumber(target, value * rate);
            }
            else if (!state.Has("currency"))
            {
                state.Add("currency", $"unknown currency '{RecordNormaliser.Shorten(code)}' (no rate in currency.usd_rates: {string.Join(", ", state.Rates.Keys.Order(StringComparer.Ordinal))})", state.Text(currency));
            }
        };
    }

    /// <summary>Advance electronic data received before the goods arrived (or departed); unknown when either time is.</summary>
    private static RecordRule AdvanceBeforeArrival(RecordSchema type, int target)
    {
        int advance = type.IndexOf("advance_data_at");
        int arrival = type.IndexOf("arrival_at");
        return (ref RowState state) =>
        {
            if (state.Row.Instant(advance) is { } a && state.Row.Instant(arrival) is { } b)
            {
                state.Row.SetBool(target, a < b);
            }
        };
    }

    /// <summary>Lodgement to clearance in minutes between UTC instants, so a DST change never adds or removes an hour.</summary>
    private static RecordRule ClearanceMinutes(RecordSchema type, int target)
    {
        int lodged = type.IndexOf("lodged_at");
        int cleared = type.IndexOf("cleared_at");
        return (ref RowState state) =>
        {
            if (state.Row.Instant(lodged) is not { } from || state.Row.Instant(cleared) is not { } to)
            {
                return;
            }

            if (to < from)
            {
                // A fold or gap is the usual cause of an impossible order in clean data: say so.
                const string reason = "clearance before lodgement (cleared_at is earlier than lodged_at)";
                state.Add("cleared_at", state.DstHint is { } hint ? $"{reason} ({hint})" : reason, state.Text(cleared));
                return;
            }

            state.Row.SetNumber(target, ResponsibleActorSplit.Minutes(from, to));
        };
    }

    /// <summary>The last day a ruling was valid: the earlier of its last valid day and the day before its revocation.</summary>
    private static RecordRule ValidUntil(RecordSchema type, int target)
    {
        int validTo = type.IndexOf("valid_to");
        int revokedOn = type.IndexOf("revoked_on");
        return (ref RowState state) =>
        {
            LocalDate? last = state.Row.Date(validTo);
            if (state.Row.Date(revokedOn) is { } revoked && (last is null || revoked.PlusDays(-1) < last))
            {
                last = revoked.PlusDays(-1);
            }

            state.Row.SetDate(target, last);
        };
    }

    private static RecordRule HasGap(RecordSchema type, int target)
    {
        int required = type.IndexOf("required_level");
        int acquired = type.IndexOf("acquired_level");
        return (ref RowState state) =>
        {
            if (state.Row.Integer(required) is { } need && state.Row.Integer(acquired) is { } have)
            {
                state.Row.SetBool(target, have < need);
            }
        };
    }

    /// <summary>
    /// Whether a participation counts as one training course (K43–K45). The WCO guide to competency-based human
    /// resource management counts practice in course equivalents: 3 hours of virtual practice make one course and
    /// 6 hours of physical (classroom) practice make one course. So a participation in the approved plan counts when
    /// it reaches its modality's threshold; shorter sessions are not a course. Without hours, the plan's own listing of
    /// the course is taken as one course; hours without a modality must reach the stricter (physical) threshold.
    /// Outside the approved plan nothing counts.
    /// </summary>
    private static RecordRule CountsAsCourse(RecordSchema type, int target)
    {
        int inPlan = type.IndexOf("in_approved_plan");
        int hours = type.IndexOf("hours");
        int modality = type.IndexOf("modality");
        return (ref RowState state) =>
        {
            if (state.Row.Bool(inPlan) is not { } planned)
            {
                return;
            }

            state.Row.SetBool(target, planned && (state.Row.Number(hours) is not { } h || state.Row.Text(modality) switch
            {
                "VIRTUAL" => h >= 3,
                _ => h >= 6, // PHYSICAL, or no modality given
            }));
        };
    }

    /// <summary>Completed no later than the service standard's days after receipt; an open request is not within it (yet).</summary>
    private static RecordRule WithinStandard(RecordSchema type, int target)
    {
        int received = type.IndexOf("received_on");
        int completed = type.IndexOf("completed_on");
        int standard = type.IndexOf("standard_days");
        return (ref RowState state) =>
        {
            if (state.Row.Date(received) is not { } from || state.Row.Number(standard) is not { } days)
            {
                return;
            }

            if (state.Row.Date(completed) is not { } to)
            {
                state.Row.SetBool(target, false);
                return;
            }

            if (to < from)
            {
                state.Add("completed_on", "completed before it was received (completed_on is earlier than received_on)", state.Text(completed));
                return;
            }

            state.Row.SetBool(target, Period.DaysBetween(from, to) <= days);
        };
    }
}
