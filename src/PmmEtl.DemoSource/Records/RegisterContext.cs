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
