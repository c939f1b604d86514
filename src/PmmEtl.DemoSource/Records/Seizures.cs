using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>What the control that led to a seizure tells about it.</summary>
/// <param name="Agency">C customs, J joint, O other agency.</param>
/// <param name="Detection">PRF, NII, DAT, RND, TIP or OTH.</param>
internal readonly record struct SeizureFacts(
    LocalDate Date, string OfficeCode, string? ControlNo, bool Passenger, int? Mode, string Agency, string Detection, bool? Ecommerce,
    string? HawbNo, SeizureSetting Setting);

/// <summary>
/// Seizure cases and their items. One case per control that finds something (six packages found in one minibus are
/// one case), with one to three item lines, sometimes of different categories. Every case of year t is followed by
/// about as many cases in t − 1 (fewer or more by category), so that the variation KPIs compare two real years.
/// </summary>
internal sealed class Seizures
{
    private readonly Random _rng;
    private readonly RegisterTable _cases;
    private readonly RegisterTable _lines;
    private readonly SequenceIds _ids;
    private readonly SequenceIds _priorIds;
    private readonly int _year;

    public Seizures(RegisterContext context)
    {
        _rng = context.Random("seizure");
        _year = context.Year;
        _ids = new SequenceIds("SZ", context.Year, 6);
        _priorIds = new SequenceIds("SZ", context.Year - 1, 6);
        long expected = context.PerDeclaration(0.002, 1);
        _cases = context.Table("seizure", expected,
            DefectColumn.Code("object_kind", "V", "X"), DefectColumn.Date("seizure_date", context.Year), DefectColumn.Office("office_code"));
        // A seizure line has no date or office of its own (they are the case's): its defect is a flag no reader accepts.
        _lines = context.Table("seizure_item", expected, DefectColumn.Code("mandate", "MAYBE", "U"));
    }

    /// <summary>Cases of the demo year written so far.</summary>
    public int ThisYear { get; private set; }

    public void Record(SeizureFacts facts)
    {
        ThisYear++;
        Commodity first = Write(_ids.Next(), facts, facts.ControlNo, facts.Date);
        // The cases of t − 1 come from the archive: their controls and parcels are not in this year's tables.
        int earlier = _rng.Around(SeizureCommodities.PriorYearRate(first));
        var start = new LocalDate(_year - 1, 1, 1);
        var end = new LocalDate(_year - 1, 12, 31);
        for (int i = 0; i < earlier; i++)
        {
            LocalDate date = Clamp(facts.Date.PlusYears(-1).PlusDays(_rng.Next(-20, 21)), start, end);
            Write(_priorIds.Next(), facts with { HawbNo = null }, null, date);
        }
    }

    /// <summary>
    /// Intelligence-led cases without a control record (a tip, a controlled delivery), up to <paramref name="minimum"/>
    /// cases in the year, so that a small source still has seizures of every setting.
    /// </summary>
    public void TopUp(RegisterContext context, int minimum)
    {
        while (ThisYear < minimum)
        {
            (SeizureSetting setting, OfficeProfile office) = (ThisYear % 4) switch
            {
                0 or 1 => (SeizureSetting.Cargo, context.OfficeChoice.Pick(_rng)),
                2 => (SeizureSetting.Parcel, context.Office(_rng.Chance(0.5) ? "USLAX4" : "USJFK1")),
                _ => (SeizureSetting.Passenger, context.Office(PassengerControls.Airport)),
            };
            int mode = setting switch
            {
                SeizureSetting.Cargo => office.Office.DefaultMode,
                SeizureSetting.Parcel => office.Code == "USLAX4" ? 5 : 4,
                _ => 4,
            };
            bool passenger = setting == SeizureSetting.Passenger;
            Record(new SeizureFacts(_rng.WorkingDay(_year), office.Code, null, passenger, mode, "C", "TIP",
                passenger ? null : setting == SeizureSetting.Parcel, null, setting));
        }
    }

    private Commodity Write(string id, SeizureFacts f, string? controlNo, LocalDate date)
    {
        _cases.Text(id).Date(date).Text(f.OfficeCode).Text(controlNo).Text(f.Passenger ? "P" : "G").Integer(f.Mode)
            .Flag(f.Passenger).Text(f.Agency).Text(f.Detection).Flag(f.Ecommerce).Text(f.HawbNo).Write();

        int lines = _rng.NextDouble() switch
        {
            < 0.80 => 1,
            < 0.94 => 2,
            _ => 3,
        };
        Commodity first = SeizureCommodities.Pick(_rng, f.Setting);
        Commodity item = first;
        for (int line = 1; line <= lines; line++)
        {
            // A further line is often something else found in the same control: a second category for the same case.
            if (line > 1 && _rng.Chance(0.6))
            {
                item = SeizureCommodities.Pick(_rng, f.Setting);
            }

            WriteLine(id, line, item, f.Setting);
        }

        return first;
    }

    private void WriteLine(string id, int line, Commodity item, SeizureSetting setting)
    {
        double scale = setting switch
        {
            SeizureSetting.Cargo => 10,
            SeizureSetting.Parcel => 0.3,
            _ => 0.2,
        };
        double quantity = item.QuantityMedian * scale * Math.Exp(0.9 * _rng.StandardNormal());
        quantity = item.Unit is "kg" or "l" ? Math.Round(Math.Max(0.1, quantity), 1) : Math.Max(1, Math.Round(quantity));
        double value = item.ValueMedianUsd * quantity / item.QuantityMedian;
        bool? mandated = item.Borderline ? _rng.Chance(0.7) : null;
        _lines.Text(id).Integer(line).Text(item.Code).Text(item.Description).Amount(quantity).Text(item.Unit).Amount(value).Flag(mandated).Write();
    }

    private static LocalDate Clamp(LocalDate date, LocalDate min, LocalDate max) => date < min ? min : date > max ? max : date;
}
