using System.Globalization;
using Microsoft.Data.Sqlite;
using PmmEtl.Core.Records;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.EndToEnd.Tests.Kpis;

/// <summary>
/// A hand-made national source for the record-based KPIs: a SQLite database with one table per register (columns
/// named as the canonical fields, everything text, as a national system would hand it over), the fixture
/// declarations, and the officer-given input files. <see cref="Build"/> writes them with a pipeline whose queries
/// read every register that has records, and returns a harness that runs it on DuckDB. Each KPI test adds the
/// records it needs and works its expected value out by hand.
/// </summary>
public sealed class RegisterFixture
{
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, string?>>> _records = new(StringComparer.Ordinal);
    private readonly List<FixtureRow> _declarations = [];
    private readonly List<string> _assessments = [];
    private string? _aggregates;
    private string _categories = DefaultCategories;
    private string _extra = "";

    /// <summary>Category rules for the tests: cigarettes with the PMM exclusions, counterfeit cigarettes also IPR, firearms borderline items under mandate.</summary>
    public const string DefaultCategories = """
        commodity,category,counts,requires_mandate,subcategory,note
        ALC,ALCOHOL,yes,no,spirits,
        CIG,CIGARETTES,yes,no,cigarettes,
        CIG-CF,CIGARETTES,yes,no,counterfeit cigarettes,counterfeit cigarettes count (K26)
        CIG-CF,IPR,yes,no,counterfeit,
        CIGAR,CIGARETTES,no,no,cigars,excluded by K26
        ECIG,CIGARETTES,no,no,e-cigarettes,excluded by K26
        ART,CULTURAL_GOODS,yes,no,antiquities,
        FOOD,FOODSTUFFS_CONSUMER_GOODS,yes,no,unsafe food,
        TOY,FOODSTUFFS_CONSUMER_GOODS,yes,no,unsafe consumer goods,
        FAKE,IPR,yes,no,counterfeit goods,
        DRUG,DRUGS,yes,no,cocaine,
        IVORY,ENVIRONMENTALLY_SENSITIVE,yes,no,wildlife (CITES),
        ODS,ENVIRONMENTALLY_SENSITIVE,yes,no,ozone depleting substances,
        GUN,FIREARMS_AMMUNITION_EXPLOSIVES,yes,no,firearms,
        REPLICA,FIREARMS_AMMUNITION_EXPLOSIVES,yes,yes,replica firearms,counted only where Customs is mandated
        CASH,FINANCIAL_INSTRUMENTS,yes,no,currency,
        GEMS,FINANCIAL_INSTRUMENTS,no,no,gems,out of scope of K39
        """;

    public RegisterFixture Add(string register, params (string Field, object? Value)[] fields)
    {
        RecordSchema schema = RegisterList.Get(register);
        foreach ((string field, _) in fields)
        {
            _ = schema.Field(field); // a typo in a test is an error, not a silently empty column
        }

        if (!_records.TryGetValue(register, out List<IReadOnlyDictionary<string, string?>>? rows))
        {
            rows = [];
            _records[register] = rows;
        }

        rows.Add(fields.ToDictionary(f => f.Field, f => Text(f.Value), StringComparer.Ordinal));
        return this;
    }

    public RegisterFixture Declarations(params FixtureRow[] rows)
    {
        _declarations.AddRange(rows);
        return this;
    }

    /// <summary>An assessment file; each call adds one (assessment.yaml, then assessment-2.yaml …), e.g. one per year.</summary>
    public RegisterFixture Assessment(string yaml)
    {
        _assessments.Add(yaml);
        return this;
    }

    private static string AssessmentName(int i) => i == 0 ? "assessment.yaml" : $"assessment-{i + 1}.yaml";

    public RegisterFixture Aggregates(string csv)
    {
        _aggregates = csv;
        return this;
    }

    public RegisterFixture Categories(string csv)
    {
        _categories = csv;
        return this;
    }

    /// <summary>More top-level YAML (periods, currency).</summary>
    public RegisterFixture Yaml(string extra)
    {
        _extra += "\n" + extra;
        return this;
    }

    public PipelineHarness Build(params string[] kpis)
    {
        var harness = new PipelineHarness(Pipeline(kpis));
        string source = Path.Combine(harness.Folder, "source.sqlite");
        FixtureSource.Write(source, _declarations);
        WriteRegisters(source);
        File.WriteAllText(Path.Combine(harness.Folder, "categories.csv"), _categories);
        for (int i = 0; i < _assessments.Count; i++)
        {
            File.WriteAllText(Path.Combine(harness.Folder, AssessmentName(i)), _assessments[i]);
        }

        if (_aggregates is not null)
        {
            File.WriteAllText(Path.Combine(harness.Folder, "aggregates.csv"), _aggregates);
        }

        return harness;
    }

    private string Pipeline(string[] kpis)
    {
        var queries = new List<string>
        {
            "    declaration: |\n      SELECT * FROM decl WHERE business_date >= @from AND business_date < @to ORDER BY row_id",
        };
        foreach (string register in _records.Keys.Order(StringComparer.Ordinal))
        {
            RecordSchema schema = RegisterList.Get(register);
            string where = schema.DateField is { } date ? $" WHERE {date} >= @from AND {date} < @to" : "";
            queries.Add($"    {register}: |\n      SELECT * FROM {register}{where} ORDER BY rowid");
        }

        var inputs = new List<string> { "  seizure_categories: categories.csv" };
        if (_assessments.Count > 0)
        {
            inputs.Add($"  assessments: [{string.Join(", ", _assessments.Select((_, i) => AssessmentName(i)))}]");
        }

        if (_aggregates is not null)
        {
            inputs.Add("  aggregates: [aggregates.csv]");
        }

        return $"""
            name: kpis
            source:
              kind: sqlite
              path: source.sqlite
              queries:
            {string.Join("\n", queries)}
            inputs:
            {string.Join("\n", inputs)}
            """ + FixtureSource.PipelineTail($"[{string.Join(", ", kpis)}]") + _extra + "\n";
    }

    private void WriteRegisters(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        foreach ((string register, List<IReadOnlyDictionary<string, string?>> rows) in _records)
        {
            string[] fields = RegisterList.Get(register).Fields.Where(f => !f.Derived).Select(f => f.Name).ToArray();
            using (SqliteCommand create = connection.CreateCommand())
            {
                create.Transaction = transaction;
                create.CommandText = $"CREATE TABLE {register} ({string.Join(", ", fields.Select(f => f + " TEXT"))})";
                create.ExecuteNonQuery();
            }

            foreach (IReadOnlyDictionary<string, string?> row in rows)
            {
                using SqliteCommand insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {register} ({string.Join(", ", fields)}) VALUES ({string.Join(", ", fields.Select(f => "$" + f))})";
                foreach (string field in fields)
                {
                    insert.Parameters.AddWithValue("$" + field, row.TryGetValue(field, out string? v) && v is not null ? v : DBNull.Value);
                }

                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
