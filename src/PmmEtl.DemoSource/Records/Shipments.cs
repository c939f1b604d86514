using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// House bills and postal items, about three per declaration: one per ordinary import or export declaration, and
/// the parcels of each e-commerce consolidation (a dozen on average, those below the de minimis released without a
/// declaration of their own). Parcels carry the e-commerce facts of the FoS: electronic data and whether it came
/// before arrival, risk, scans and examinations (each one an inspection), immediate release, simplified procedure,
/// single window, revenue model and account-based payment, de minimis, returns. Written as the declaration stream
/// goes, so nothing is held in memory.
/// </summary>
internal sealed class Shipments
{
    /// <summary>Parcels per e-commerce declaration: 1 to 23, 12 on average, which makes about three shipments per declaration.</summary>
    private const int MaxParcels = 23;
    private const double DeMinimisUsd = 800;

    private static readonly WeightedChoice<string> EcommerceTypes = new(("B2C", 78), ("C2C", 12), ("B2B", 10));
    private static readonly WeightedChoice<string> ImportRevenueModels = new(("V", 30), ("I", 45), ("B", 20), ("N", 5));
    private static readonly WeightedChoice<char> ParcelRisk = new(('L', 80), ('M', 15), ('H', 5));

    private readonly RegisterContext _context;
    private readonly Inspections _inspections;
    private readonly Random _rng;
    private readonly RegisterTable _table;
    private readonly SequenceIds _ids;

    public Shipments(RegisterContext context, Inspections inspections)
    {
        _context = context;
        _inspections = inspections;
        _rng = context.Random("shipment");
        _ids = new SequenceIds("HB", context.Year, 8);
        _table = context.Table("shipment", context.PerDeclaration(1.0, 1),
            DefectColumn.Code("flow", "X", "IMP"), DefectColumn.Date("manifest_date", context.Year), DefectColumn.Office("office_code"));
    }

    /// <summary>Writes the declaration's shipments; returns the house bill of an ordinary declaration (its inspections name it).</summary>
    public string? Follow(DeclarationPlan plan, in DeclarationTimes times, ControlPlan controls, double? valueUsd)
    {
        DeclarationAttributes a = plan.Attributes;
        if (a.Type is not ("IM" or "EX"))
        {
            return null;
        }

        bool import = a.Type == "IM";
        // Imports are dated by arrival, exports by departure (loading on board, else release).
        PlannedEvent? moved = import ? times.Arrival : times.LoadedOnBoard ?? times.Released;
        LocalDate date = moved is { } m ? times.Local(m)!.Value.Date : plan.RegistrationDate;
        if (date > _context.LastDay)
        {
            return null;
        }

        if (!a.Ecommerce)
        {
            return Ordinary(plan, in times, controls, valueUsd, import, moved, date);
        }

        int parcels = 1 + _rng.Next(MaxParcels);
        for (int i = 0; i < parcels; i++)
        {
            Parcel(plan, in times, import, moved?.At, date);
        }

        return null;
    }

    private string Ordinary(DeclarationPlan plan, in DeclarationTimes times, ControlPlan controls, double? valueUsd, bool import, PlannedEvent? moved, LocalDate date)
    {
        DeclarationAttributes a = plan.Attributes;
        string id = _ids.Next();
        LocalDateTime? advance = null;
        if (import && a.PreArrival)
        {
            advance = times.Local(times.Lodgement);
        }
        else if (times.Arrival is { } arrival && _rng.Chance(0.8))
        {
            // Sea manifests come a day or more ahead (the 24-hour rule); air and road data a few hours ahead.
            advance = times.Local(arrival.At - (a.Mode == 1 ? _rng.UniformHours(24, 72) : _rng.UniformHours(1, 6)));
        }

        bool electronic = a.Submission is not ("PAPER" or "SCAN" or "EMAIL");
        LocalDateTime? lodgedLocal = times.Local(times.Lodgement);
        LocalDateTime? clearedLocal = times.Local(times.Cleared);
        _table.Text(id).Text(plan.DeclarationId).Text(plan.OfficeCode).Text(import ? "I" : "E").Integer(a.Mode).Date(date)
            .Flag(false).Null().Flag(electronic)
            .Time(advance).Time(times.Local(moved)).Time(lodgedLocal).Time(clearedLocal).Time(times.Local(times.Released))
            .Text(Risk(a.Risk)).Text(controls.ExamCode).Flag(a.ImmediateRelease).Flag(a.Trader.IsAeo && _rng.Chance(0.05)).Flag(a.Submission == "SW")
            .Null().Null().Text(valueUsd is null ? null : "USD").Null().Amount(valueUsd).Flag(false).Flag(false).Null()
            .Write(DstOrder.Inverted(a.Office, lodgedLocal, clearedLocal) ? RegisterDefect.DstOrder : null);
        return id;
    }

    private void Parcel(DeclarationPlan plan, in DeclarationTimes times, bool import, Instant? moved, LocalDate date)
    {
        DeclarationAttributes a = plan.Attributes;
        OfficeProfile office = a.Office;
        string id = _ids.Next();
        double value = _rng.LogNormal(42, 1.0, 2, 5_000);
        bool? deMinimis = import ? value <= DeMinimisUsd && _rng.Chance(0.9) : null;
        // Postal items still travel partly on paper (CN 22/23); express carriers send everything electronically.
        bool electronic = _rng.Chance(a.Mode == 5 ? 0.82 : 0.99);
        Instant? advance = electronic && moved is { } at
            ? (_rng.Chance(0.85) ? at - _rng.UniformHours(2, 30) : at + _rng.UniformHours(0.2, 3))
            : null;
        Instant? lodged = times.Lodgement is { } l ? l.At + _rng.UniformMinutes(0, 10) : null;
        Instant? cleared = times.Cleared is { } c ? Latest(c.At + _rng.UniformMinutes(0, 10), lodged) : null;
        Instant? released = times.Released is { } r ? Latest(r.At + _rng.UniformMinutes(0, 10), cleared) : null;
        char risk = _rng.Chance(0.85) ? a.Risk : ParcelRisk.Pick(_rng);
        string? exam = Exam(risk);
        bool immediate = exam is null && risk == 'L' && a.ImmediateRelease && _rng.Chance(0.92);
        string? model = import ? ImportRevenueModels.Pick(_rng) : "N";
        double? duty = import ? (deMinimis == true ? 0 : value * _rng.Uniform(0.05, 0.2)) : null;
        bool? accountPaid = duty > 0 ? _rng.Chance(model switch
        {
            "I" => 0.85,
            "V" => 0.7,
            _ => 0.1,
        }) : null;
        bool isReturn = _rng.Chance(import ? 0.01 : 0.06);

        LocalDateTime? lodgedLocal = Local(lodged, office);
        LocalDateTime? clearedLocal = Local(cleared, office);
        _table.Text(id).Text(deMinimis == true ? null : plan.DeclarationId).Text(plan.OfficeCode).Text(import ? "I" : "E").Integer(a.Mode).Date(date)
            .Flag(true).Text(EcommerceTypes.Pick(_rng)).Flag(electronic)
            .Time(Local(advance, office)).Time(Local(moved, office)).Time(lodgedLocal).Time(clearedLocal).Time(Local(released, office))
            .Text(Risk(risk)).Text(exam).Flag(immediate).Flag(_rng.Chance(0.85)).Flag(_rng.Chance(0.35))
            .Text(model).Amount(duty).Text("USD").Flag(accountPaid).Amount(value).Flag(deMinimis).Flag(isReturn).Flag(isReturn ? _rng.Chance(0.55) : null)
            .Write(DstOrder.Inverted(office, lodgedLocal, clearedLocal) ? RegisterDefect.DstOrder : null);

        if (exam is not null && moved is { } arrived)
        {
            _inspections.Parcel(office, import ? "I" : "E", a.Mode, exam, arrived, deMinimis == true ? null : plan.DeclarationId, id, risk);
        }
    }

    /// <summary>Most parcels pass untouched; the riskier ones are scanned, opened, or both.</summary>
    private string? Exam(char risk)
    {
        (double physical, double scan, double both) = risk switch
        {
            'L' => (0.008, 0.02, 0.002),
            'M' => (0.04, 0.08, 0.01),
            _ => (0.15, 0.20, 0.05),
        };
        double x = _rng.NextDouble();
        return x < physical ? "PHY" : x < physical + scan ? "NII" : x < physical + scan + both ? "BOTH" : null;
    }

    private static string Risk(char risk) => risk switch
    {
        'L' => "L",
        'M' => "M",
        _ => "H",
    };

    private static Instant? Latest(Instant at, Instant? notBefore) => notBefore is { } n && n > at ? n : at;

    private static LocalDateTime? Local(Instant? at, OfficeProfile office) => at is { } x ? x.InZone(office.Zone).LocalDateTime : null;
}
