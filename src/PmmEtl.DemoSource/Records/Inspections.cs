using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>The controls a declaration gets, decided before its house bill is written (the bill records the exam).</summary>
/// <param name="First">PHY, NII or DOC; null when the declaration is not controlled (green channel).</param>
/// <param name="Second">A physical examination after a scan that showed something, or null.</param>
internal readonly record struct ControlPlan(string? First, string? Second, string Selection, string Agency)
{
    public string? ExamCode => (First, Second) switch
    {
        ("NII", "PHY") => "BOTH",
        ("PHY", _) => "PHY",
        ("NII", _) => "NII",
        _ => null,
    };
}

/// <summary>
/// Inspections of goods and passengers, in proportion to what is declared: a red-channel declaration is examined
/// physically or scanned (sometimes both), a yellow one checked on documents, some e-commerce parcels are scanned or
/// opened, and some passengers at JFK are searched. Each control that finds something leads to a seizure or, for
/// goods, to a violation; the selection source says whether the risk engine or a person chose it.
/// </summary>
internal sealed class Inspections
{
    private static readonly WeightedChoice<string> GoodsSelection = new(("PRF", 72), ("RND", 8), ("OFF", 9), ("TIP", 6), ("LEA", 5));
    private static readonly WeightedChoice<string> GoodsAgency = new(("C", 78), ("J", 17), ("O", 5));
    private static readonly WeightedChoice<string> PassengerSelection = new(("PRF", 60), ("OFF", 30), ("TIP", 5), ("LEA", 5));

    private readonly Random _rng;
    private readonly RegisterTable _table;
    private readonly SequenceIds _ids;
    private readonly Seizures _seizures;
    private readonly Violations _violations;
    private readonly LocalDate _lastDay;

    public Inspections(RegisterContext context, Seizures seizures, Violations violations)
    {
        _lastDay = context.LastDay;
        _rng = context.Random("inspection");
        _ids = new SequenceIds("CTL", context.Year);
        _seizures = seizures;
        _violations = violations;
        _table = context.Table("inspection", context.PerDeclaration(0.15, 1),
            DefectColumn.Code("control_type", "PHYS", "XRAY"), DefectColumn.Date("control_date", context.Year), DefectColumn.Office("office_code"));
    }

    public ControlPlan Plan(DeclarationPlan plan)
    {
        DeclarationAttributes a = plan.Attributes;
        switch (a.Channel)
        {
            case 'R':
                string first = _rng.Chance(0.25) ? "NII" : "PHY";
                string? second = first == "NII" && _rng.Chance(0.3) ? "PHY" : null;
                // An agency that issues a permit often examines jointly with Customs.
                string agency = a.HasOga && _rng.Chance(0.4) ? "J" : GoodsAgency.Pick(_rng);
                return new ControlPlan(first, second, GoodsSelection.Pick(_rng), agency);
            case 'Y':
                return new ControlPlan("DOC", null, _rng.Chance(0.85) ? "PRF" : "OFF", "C");
            default:
                return default;
        }
    }

    /// <summary>The controls of a declaration, at the times of its inspection milestones (documentary checks between lodgement and clearance).</summary>
    public void Goods(DeclarationPlan plan, in DeclarationTimes times, ControlPlan controls, string? hawbNo)
    {
        if (controls.First is null)
        {
            return;
        }

        DeclarationAttributes a = plan.Attributes;
        string flow = a.Type switch
        {
            "IM" => "I",
            "EX" => "E",
            "TR" => "T",
            _ => a.CargoDirection == "I" ? "I" : "E",
        };

        if (controls.First == "DOC")
        {
            Instant from = (times.Lodgement ?? times.Arrival)?.At ?? plan.Start;
            Instant start = from + _rng.UniformMinutes(5, 60);
            Instant? end = times.Cleared is { } cleared && cleared.At > start ? cleared.At : null;
            Write(plan, flow, "DOC", controls, times.Local(start), end is { } e ? times.Local(e) : null, hawbNo, last: true);
            return;
        }

        // The milestones hold the last (physical) control; a scan that led to it happened a few hours before.
        LocalDateTime? startLocal = times.Local(times.InspectionStart);
        LocalDateTime? endLocal = times.Local(times.InspectionEnd);
        if (controls.Second is { } second && times.InspectionStart is { } inspected)
        {
            Instant scan = inspected.At - _rng.UniformHours(1, 4);
            Write(plan, flow, controls.First, controls, times.Local(scan), times.Local(scan + _rng.UniformMinutes(10, 30)), hawbNo, last: false);
            Write(plan, flow, second, controls, startLocal, endLocal, hawbNo, last: true);
            return;
        }

        Write(plan, flow, controls.First, controls, startLocal, endLocal, hawbNo, last: true);
    }

    /// <summary>A scan or examination of an e-commerce parcel, a few hours after it arrived; risk-engine selections here are data analytics.</summary>
    public void Parcel(OfficeProfile office, string flow, int mode, string exam, Instant arrival, string? declarationId, string hawbNo, char risk)
    {
        string selection = risk != 'L' ? (_rng.Chance(0.8) ? "PRF" : "OFF") : (_rng.Chance(0.6) ? "RND" : "PRF");
        Instant start = arrival + _rng.UniformHours(1, 8);
        foreach (string type in exam == "BOTH" ? ["NII", "PHY"] : new[] { exam })
        {
            Instant end = start + _rng.UniformMinutes(10, 45);
            bool last = exam != "BOTH" || type == "PHY";
            bool irregular = last && _rng.Chance(type == "PHY" ? 0.08 : 0.05);
            LocalDateTime local = start.InZone(office.Zone).LocalDateTime;
            if (local.Date > _lastDay)
            {
                return;
            }

            string id = WriteRow(local.Date, office.Code, "G", flow, mode, type, "C", selection, declarationId, hawbNo, local,
                end.InZone(office.Zone).LocalDateTime, irregular);
            if (irregular && _rng.Chance(0.7))
            {
                string detection = type == "NII" ? "NII" : selection == "PRF" ? "DAT" : selection == "RND" ? "RND" : "OTH";
                _seizures.Record(new SeizureFacts(local.Date, office.Code, id, false, mode, "C", detection, true, hawbNo, SeizureSetting.Parcel));
            }

            start = end + _rng.UniformMinutes(5, 60);
        }
    }

    /// <summary>A search of a passenger (red channel, or a random pick in the green one) soon after the clearance record.</summary>
    public void Passenger(string officeCode, DateTimeZone zone, Instant occurred, bool redChannel)
    {
        string selection = redChannel ? PassengerSelection.Pick(_rng) : "RND";
        string agency = _rng.Chance(0.05) ? "J" : "C";
        Instant start = occurred + _rng.UniformMinutes(5, 20);
        LocalDateTime local = start.InZone(zone).LocalDateTime;
        if (local.Date > _lastDay)
        {
            return;
        }

        bool irregular = _rng.Chance(0.15);
        string id = WriteRow(local.Date, officeCode, "P", null, 4, "PHY", agency, selection, null, null, local,
            (start + _rng.UniformMinutes(10, 40)).InZone(zone).LocalDateTime, irregular);
        if (!irregular)
        {
            return;
        }

        if (_rng.Chance(0.7))
        {
            _seizures.Record(new SeizureFacts(local.Date, officeCode, id, true, 4, agency, Detection(selection, false), null, null, SeizureSetting.Passenger));
        }
        else
        {
            _violations.PassengerFine(local.Date, officeCode);
        }
    }

    private void Write(DeclarationPlan plan, string flow, string type, ControlPlan controls, LocalDateTime? start, LocalDateTime? end, string? hawbNo, bool last)
    {
        DeclarationAttributes a = plan.Attributes;
        bool irregular = last && _rng.Chance(type switch
        {
            "PHY" => 0.10,
            "NII" => 0.07,
            _ => 0.05,
        });
        LocalDate date = start?.Date ?? plan.RegistrationDate;
        // Dated registers hold the demo year only: a control on New Year's Day belongs to next year's extract.
        if (date > _lastDay)
        {
            return;
        }

        string id = WriteRow(date, plan.OfficeCode, "G", flow, a.Mode, type, controls.Agency, controls.Selection, plan.DeclarationId, hawbNo, start, end, irregular);
        if (!irregular)
        {
            return;
        }

        // Half of what physical controls find is seized; the rest (and every documentary finding) is a misdeclaration.
        if (type != "DOC" && _rng.Chance(0.5))
        {
            _seizures.Record(new SeizureFacts(date, plan.OfficeCode, _rng.Chance(controls.Selection == "TIP" ? 0.7 : 1.0) ? id : null, false, a.Mode,
                controls.Agency, Detection(controls.Selection, type == "NII"), a.Ecommerce, hawbNo, SeizureSetting.Cargo));
        }
        else
        {
            _violations.PreRelease(plan, date);
        }
    }

    private string WriteRow(LocalDate date, string office, string objectKind, string? flow, int? mode, string type, string agency, string selection,
        string? declarationId, string? hawbNo, LocalDateTime? start, LocalDateTime? end, bool irregular)
    {
        string id = _ids.Next();
        _table.Text(id).Date(date).Text(office).Text(objectKind).Text(flow).Integer(mode).Text(type).Text(agency).Text(selection)
            .Text(declarationId).Text(hawbNo).Time(start).Time(end).Text(irregular ? "IRR" : "NIL").Write();
        return id;
    }

    private static string Detection(string selection, bool scanned) => scanned ? "NII" : selection switch
    {
        "PRF" => "PRF",
        "RND" => "RND",
        "TIP" => "TIP",
        _ => "OTH",
    };
}
