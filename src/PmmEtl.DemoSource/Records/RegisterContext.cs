using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// What every register generator shares: the options, the offices and traders of the declarations, the tables,
/// and one random generator per register derived from the seed and the register's name, so that registers are
/// independent of each other and of the declarations (adding one never changes another's rows).
/// </summary>
internal sealed class RegisterContext
{
    private readonly DemoDatabase _database;
    private readonly Dictionary<string, OfficeProfile> _offices;

    public RegisterContext(DemoDatabase database, DemoSourceOptions options, IReadOnlyList<OfficeProfile> offices, TraderPool traders)
    {
        _database = database;
        Options = options;
        Offices = offices;
        _offices = offices.ToDictionary(o => o.Code, StringComparer.Ordinal);
        Traders = traders;
        OfficeChoice = new WeightedChoice<OfficeProfile>(offices.Select(o => (o, o.Weight)).ToArray());
    }

    public DemoSourceOptions Options { get; }

    /// <summary>The demo year t; t − 1 and t − 2 are covered where a variation or K19 needs them.</summary>
    public int Year => Options.Year;

    public int Declarations => Options.Declarations;

    public LocalDate FirstDay => new(Year, 1, 1);

    public LocalDate LastDay => new(Year, 12, 31);

    public IReadOnlyList<OfficeProfile> Offices { get; }

    public WeightedChoice<OfficeProfile> OfficeChoice { get; }

    public TraderPool Traders { get; }

    public OfficeProfile Office(string code) => _offices[code];

    /// <summary>A generator for one purpose, seeded from the run's seed and a stable hash of <paramref name="name"/> (FNV-1a, not string.GetHashCode, which varies per process).</summary>
    public Random Random(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return new Random(unchecked((Options.Seed * 397) ^ (int)hash));
    }

    /// <summary>The register's table with its deliberate defects planned below <paramref name="expectedRows"/> (a lower estimate of its size).</summary>
    public RegisterTable Table(string register, long expectedRows, params DefectColumn[] defects)
    {
        RegisterTable table = _database.Register(register);
        table.PlanDefects(defects, RegisterScale.DefectsPerKind(Declarations), expectedRows, Random("defects:" + register));
        return table;
    }

    /// <summary>A count proportional to the declarations, never below <paramref name="minimum"/> so that small sources still show every case.</summary>
    public int PerDeclaration(double share, int minimum) => Math.Max(minimum, (int)Math.Round(Declarations * share));
}

/// <summary>How many deliberate defects the register tables get.</summary>
internal static class RegisterScale
{
    /// <summary>Defective copies per kind and register: 4 at the default 200,000 declarations, at least 1 from 10 declarations.</summary>
    public static int DefectsPerKind(int declarations) => declarations < 10 ? 0 : Math.Clamp(declarations / 50_000, 1, 4);
}

/// <summary>National record numbers: a prefix, the two-digit year and a sequence, e.g. CTL250000123.</summary>
internal sealed class SequenceIds
{
    private readonly string _prefix;
    private readonly int _digits;
    private long _next;

    public SequenceIds(string prefix, int year, int digits = 7)
    {
        _prefix = prefix + (year % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        _digits = digits;
    }

    public string Next() => _prefix + (++_next).ToString("D" + _digits, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The currencies amounts are kept in, and the rates (USD per unit) the generator draws them with; demo.yaml's <c>currency.usd_rates</c> gives the same.</summary>
internal static class Currencies
{
    public const double UsdPerEur = 1.08;
    public const double UsdPerMxn = 0.055;

    /// <summary>Mostly USD; Laredo trades partly in pesos, the New York seaport partly in euros, a few euros elsewhere.</summary>
    public static string Pick(Random rng, string officeCode) => officeCode switch
    {
        "USLRD1" => rng.Chance(0.25) ? "MXN" : "USD",
        "USNYC1" => rng.Chance(0.12) ? "EUR" : "USD",
        _ => rng.Chance(0.03) ? "EUR" : "USD",
    };

    /// <summary>An amount drawn in USD, expressed in <paramref name="currency"/>.</summary>
    public static double FromUsd(double usd, string currency) => currency switch
    {
        "EUR" => usd / UsdPerEur,
        "MXN" => usd / UsdPerMxn,
        _ => usd,
    };
}

/// <summary>Draws the registers need beyond <see cref="RandomExtensions"/>.</summary>
internal static class RegisterRandom
{
    /// <summary>A right-skewed amount: median × e^(σZ), clamped.</summary>
    public static double LogNormal(this Random rng, double median, double sigma, double min, double max) =>
        Math.Clamp(median * Math.Exp(sigma * rng.StandardNormal()), min, max);

    /// <summary>A day of the year, weekdays five times as likely as weekend days.</summary>
    public static LocalDate WorkingDay(this Random rng, int year)
    {
        var first = new LocalDate(year, 1, 1);
        int days = first.Calendar.GetDaysInYear(year);
        while (true)
        {
            LocalDate day = first.PlusDays(rng.Next(days));
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) || rng.Chance(0.2))
            {
                return day;
            }
        }
    }

    /// <summary>Any day between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public static LocalDate DayBetween(this Random rng, LocalDate from, LocalDate to) =>
        from.PlusDays(rng.Next(Period.DaysBetween(from, to) + 1));

    /// <summary>The integer part of <paramref name="mean"/>, plus one with the probability of its fraction.</summary>
    public static int Around(this Random rng, double mean) => (int)mean + (rng.Chance(mean - Math.Floor(mean)) ? 1 : 0);
}
