using DuckDB.NET.Data;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Stages;

namespace PmmEtl.Warehouse.DuckDb;

/// <summary>The embedded default engine: one DuckDB file, opened in-process by one writer at a time.</summary>
public sealed class DuckDbWarehouse : IWarehouse
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDbKpiValues _values;

    public DuckDbWarehouse(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _connection = new DuckDBConnection($"Data Source={path}");
        _connection.Open();
        _values = new DuckDbKpiValues(_connection);
        Aggregator = new DuckDbKpiAggregator(_connection);
        Runs = new DuckDbRunLog(_connection);
    }

    public string Engine => "duckdb";

    public IKpiAggregator Aggregator { get; }

    public IKpiValueStore ValueStore => _values;

    public IKpiValueReader ValueReader => _values;

    public IRunLog Runs { get; }

    /// <summary>For tests and tools that cross-check the warehouse with SQL of their own.</summary>
    public DuckDBConnection Connection => _connection;

    public IReadOnlyList<string> Migrate() => DuckDbMigrator.Migrate(_connection);

    public void SyncOffices(IReadOnlyList<OfficeDefinition> offices)
    {
        using DuckDBTransaction transaction = _connection.BeginTransaction();
        foreach (OfficeDefinition o in offices)
        {
            _connection.Execute(
                "INSERT OR REPLACE INTO dim_office VALUES ($code, $name, $type, $country, $zone, $entry, $exit)",
                ("code", o.Code), ("name", o.Name), ("type", o.OfficeType), ("country", o.Country), ("zone", o.Zone.Id),
                ("entry", o.MainEntry), ("exit", o.MainExit));
        }

        transaction.Commit();
    }

    public IDeclarationLoad BeginLoad(RunContext run) => new DuckDbDeclarationLoad(_connection, run);

    public void Dispose() => _connection.Dispose();
}
