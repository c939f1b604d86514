using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Core.Registers;

namespace PmmEtl.Normalise.Registers;

/// <summary>Computes one derived field from the record's typed values (null inputs give a null or a stated default).</summary>
internal delegate void Derivation(object?[] values, ref RowState row);

/// <summary>
/// The rule behind every derived field of <see cref="Registers"/>, by register and field. A register whose schema
/// gains a derived field without a rule here fails when the normaliser is built, not silently at load.
/// </summary>
internal static class Derivations
{
    private static readonly Dictionary<(string Register, string Field), Func<RegisterSchema, int, Derivation>> Rules = new()
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

    private static object Box(bool value) => value ? FieldParsers.True : FieldParsers.False;

    public static Derivation For(RegisterSchema register, RegisterField field) =>
        Rules.TryGetValue((register.Name, field.Name), out var rule)
            ? rule(register, register.IndexOf(field.Name))
            : throw new InvalidOperationException($"{register.Name}.{field.Name} is derived but the normaliser has no rule for it");

    /// <summary>An amount in USD at the cycle's rate of the record's currency; an amount in a currency without a rate is refused, naming the currency.</summary>
    private static Derivation Usd(RegisterSchema register, string amountField, int target)
    {
        int amount = register.IndexOf(amountField);
        int currency = register.IndexOf("currency");
        return (object?[] values, ref RowState row) =>
        {
            if (values[amount] is not double value)
            {
                return;
            }

            if (values[currency] is not string code)
            {
                if (!row.Has("currency"))
                {
                    row.Add("currency", $"missing currency for {amountField}", row.Text("currency"));
                }

                return;
            }

            if (row.Rates.TryGetValue(code, out double rate))
            {
                values[target] = value * rate;
            }
            else if (!row.Has("currency"))
            {
                row.Add("currency", $"unknown currency '{RecordNormaliser.Shorten(code)}' (no rate in currency.usd_rates: {string.Join(", ", row.Rates.Keys.Order(StringComparer.Ordinal))})", row.Text("currency"));
            }
        };
    }

    /// <summary>Advance electronic data received before the goods arrived (or departed); unknown when either time is.</summary>
    private static Derivation AdvanceBeforeArrival(RegisterSchema register, int target)
    {
        int advance = register.IndexOf("advance_data_at");
        int arrival = register.IndexOf("arrival_at");
        return (object?[] values, ref RowState row) =>
        {
            if (values[advance] is Instant a && values[arrival] is Instant b)
            {
                values[target] = Box(a < b);
            }
        };
    }

    /// <summary>Lodgement to clearance in minutes between UTC instants, so a DST change never adds or removes an hour.</summary>
    private static Derivation ClearanceMinutes(RegisterSchema register, int target)
    {
        int lodged = register.IndexOf("lodged_at");
        int cleared = register.IndexOf("cleared_at");
        return (object?[] values, ref RowState row) =>
        {
            if (values[lodged] is not Instant from || values[cleared] is not Instant to)
            {
                return;
            }

            if (to < from)
            {
                // A fold or gap is the usual cause of an impossible order in clean data: say so.
                const string reason = "clearance before lodgement (cleared_at is earlier than lodged_at)";
                row.Add("cleared_at", row.DstHint is { } hint ? $"{reason} ({hint})" : reason, row.Text("cleared_at"));
                return;
            }

            values[target] = ResponsibleActorSplit.Minutes(from, to);
        };
    }

    /// <summary>The last day a ruling was valid: the earlier of its last valid day and the day before its revocation.</summary>
    private static Derivation ValidUntil(RegisterSchema register, int target)
    {
        int validTo = register.IndexOf("valid_to");
        int revokedOn = register.IndexOf("revoked_on");
        return (object?[] values, ref RowState row) =>
        {
            LocalDate? last = values[validTo] as LocalDate?;
            if (values[revokedOn] is LocalDate revoked && (last is null || revoked.PlusDays(-1) < last))
            {
                last = revoked.PlusDays(-1);
            }

            values[target] = last;
        };
    }

    private static Derivation HasGap(RegisterSchema register, int target)
    {
        int required = register.IndexOf("required_level");
        int acquired = register.IndexOf("acquired_level");
        return (object?[] values, ref RowState row) =>
        {
            if (values[required] is long need && values[acquired] is long have)
            {
                values[target] = Box(have < need);
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
    private static Derivation CountsAsCourse(RegisterSchema register, int target)
    {
        int inPlan = register.IndexOf("in_approved_plan");
        int hours = register.IndexOf("hours");
        int modality = register.IndexOf("modality");
        return (object?[] values, ref RowState row) =>
        {
            if (values[inPlan] is not bool planned)
            {
                return;
            }

            values[target] = Box(planned && (values[hours] is not double h || (values[modality] as string) switch
            {
                "VIRTUAL" => h >= 3,
                _ => h >= 6, // PHYSICAL, or no modality given
            }));
        };
    }

    /// <summary>Completed no later than the service standard's days after receipt; an open request is not within it (yet).</summary>
    private static Derivation WithinStandard(RegisterSchema register, int target)
    {
        int received = register.IndexOf("received_on");
        int completed = register.IndexOf("completed_on");
        int standard = register.IndexOf("standard_days");
        return (object?[] values, ref RowState row) =>
        {
            if (values[received] is not LocalDate from || values[standard] is not double days)
            {
                return;
            }

            if (values[completed] is not LocalDate to)
            {
                values[target] = FieldParsers.False;
                return;
            }

            if (to < from)
            {
                row.Add("completed_on", "completed before it was received (completed_on is earlier than received_on)", row.Text("completed_on"));
                return;
            }

            values[target] = Box(Period.DaysBetween(from, to) <= days);
        };
    }
}
