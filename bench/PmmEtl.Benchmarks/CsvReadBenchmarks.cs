using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Mapping;
using PmmEtl.Normalise;

namespace PmmEtl.Benchmarks;

/// <summary>
/// The two per-row costs of a CSV load that are not the warehouse's: reading a declaration CSV into raw rows (the
/// read-ahead thread) and reading plus normalising them (both threads' work, summed). The file is generated in the
/// shape of the national benchmark export (canonical header, 7 offices, 5,000 traders, about six times a row), so a
/// result here is per row of <c>year.csv</c>. Results are per row: each invocation reads <see cref="Rows"/> rows.
/// </summary>
[MemoryDiagnoser]
public class CsvReadBenchmarks
{
    public const int Rows = 20_000;

    private static readonly (string Code, string Zone)[] Offices =
    [
        ("USNYC1", "America/New_York"), ("USJFK1", "America/New_York"), ("USLRD1", "America/Chicago"), ("USCHI2", "America/Chicago"),
        ("USDEN3", "America/Denver"), ("USLAX4", "America/Los_Angeles"), ("USHNL5", "Pacific/Honolulu"),
    ];

    private string _folder = null!;
    private string _file = null!;
    private CsvSourceSettings _settings = null!;
    private CsvFileReader _reader = null!;
    private RecordNormaliser _normaliser = null!;

    /// <summary>The canonical declaration header, in the order <see cref="Generate"/> writes the cells.</summary>
    private static readonly string[] Header =
    [
        DeclarationFields.DeclarationId, DeclarationFields.DeclarationType, DeclarationFields.Direction, DeclarationFields.OfficeCode,
        DeclarationFields.BusinessDate, DeclarationFields.ModeOfTransport, DeclarationFields.ControlChannel, DeclarationFields.TraderId,
        DeclarationFields.Aeo, DeclarationFields.PreArrival, DeclarationFields.Ecommerce, DeclarationFields.RiskLevel,
        DeclarationFields.SubmissionChannel, DeclarationFields.ImmediateRelease, DeclarationFields.ArrivalLocal, DeclarationFields.LodgedLocal,
        DeclarationFields.OgaPermitLocal, DeclarationFields.InspectionStartLocal, DeclarationFields.InspectionEndLocal,
        DeclarationFields.ClearedLocal, DeclarationFields.ReleasedLocal, DeclarationFields.LoadedLocal,
    ];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "pmm-bench-csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _file = Path.Combine(_folder, "year.csv");
        File.WriteAllText(_file, Generate(Rows), new UTF8Encoding(false));
        _settings = new CsvSourceSettings
        {
            Path = _file,
            Columns = Header.ToDictionary(f => f, f => new FieldMapping { Column = f }),
        };
        const string Where = "source.csv.columns";
        // One reader for every invocation, as one reader reads a whole national file: what it learns from the first
        // rows (its pooled codes, trader ids and dates) serves the rest, as it does over a file of millions of rows.
        _reader = new CsvFileReader(RecordTypes.Declaration, _settings, MappedField.Compile(RecordTypes.Declaration, _settings.Columns, Where), Where);
        _normaliser = new RecordNormaliser(
            Offices.Select(o => new OfficeDefinition
            {
                Code = o.Code, Name = o.Code, OfficeType = "SEAPORT", Country = "US", Zone = DateTimeZoneProviders.Tzdb[o.Zone],
            }),
            new LocalTimeResolver(DstPolicy.Default),
            new Dictionary<string, double> { ["USD"] = 1.0 });
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(OperationsPerInvoke = Rows)]
    public int ReadCsvRow()
    {
        CsvHeader header = _reader.ReadHeader(_file)!;
        int rows = 0;
        foreach (RawRecord raw in _reader.Read(_file, header, CancellationToken.None))
        {
            rows += raw.SourceError is null ? 1 : 0;
        }

        return rows;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int ReadAndNormaliseCsvRow()
    {
        CsvHeader header = _reader.ReadHeader(_file)!;
        int loaded = 0;
        foreach (RawRecord raw in _reader.Read(_file, header, CancellationToken.None))
        {
            loaded += _normaliser.Normalise(raw).Record is null ? 0 : 1;
        }

        return loaded;
    }

    /// <summary>Rows like the benchmark export's: imports, exports, transit and cargo over one year, some milestones empty.</summary>
    private static string Generate(int rows)
    {
        var random = new Random(20251201);
        string[] types = ["IMPORT", "EXPORT", "TRANSIT", "CARGO"];
        string[] modes = ["AIR", "SEA", "LAND", "RAIL"];
        string[] channels = ["GREEN", "YELLOW", "RED"];
        string[] risks = ["LOW", "MEDIUM", "HIGH"];
        string[] submissions = ["EDI", "WEB", "SINGLE_WINDOW", "EMAIL", "SCAN", "PAPER"];
        var text = new StringBuilder(rows * 200);
        text.AppendLine(string.Join(',', Header));
        var start = new LocalDateTime(2025, 1, 1, 0, 0);
        for (int i = 1; i <= rows; i++)
        {
            string type = types[random.Next(types.Length)];
            string office = Offices[random.Next(Offices.Length)].Code;
            LocalDateTime arrival = start.PlusSeconds(random.NextInt64(364L * 86_400));
            LocalDateTime lodged = arrival.PlusSeconds(random.Next(-3_600, 7_200));
            LocalDateTime cleared = lodged.PlusSeconds(random.Next(60, 10_000));
            LocalDateTime released = cleared.PlusSeconds(random.Next(60, 5_000));
            bool inspected = random.Next(10) == 0;
            bool export = type == "EXPORT";
            string?[] cells =
            [
                $"25{office}{type[..2]}{i:D7}", type, type == "CARGO" ? "IMPORT" : "", office,
                (arrival < lodged ? arrival : lodged).Date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture),
                modes[random.Next(modes.Length)], inspected ? "RED" : channels[random.Next(2)], $"US{random.Next(5_000):D9}",
                random.Next(2).ToString(CultureInfo.InvariantCulture), "0", random.Next(20) == 0 ? "1" : "0", risks[random.Next(risks.Length)],
                submissions[random.Next(submissions.Length)], "0",
                Time(arrival), Time(lodged), random.Next(5) == 0 ? Time(lodged.PlusMinutes(30)) : null,
                inspected ? Time(lodged.PlusMinutes(40)) : null, inspected ? Time(lodged.PlusMinutes(90)) : null,
                Time(cleared), Time(released), export ? Time(released.PlusHours(10)) : null,
            ];
            text.AppendJoin(',', cells).Append('\n');
        }

        return text.ToString();
    }

    private static string Time(LocalDateTime t) => t.ToString("uuuu'-'MM'-'dd HH':'mm':'ss", CultureInfo.InvariantCulture);
}
