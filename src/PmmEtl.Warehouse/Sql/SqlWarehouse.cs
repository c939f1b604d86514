using System.Data.Common;
using PmmEtl.Core.Measure;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Warehouse.Records;

namespace PmmEtl.Warehouse.Sql;

/// <summary>
/// A warehouse on any engine: one open connection, the engine's dialect, and the shared load, measure and
/// run-book SQL. An engine is a dialect plus a way to open its connection; nothing else.
/// </summary>
public sealed class SqlWarehouse : IWarehouse
{
    private readonly DbConnection _connection;
    private readonly SqlCommands _sql;
    private readonly SqlKpiValues _values;
    private readonly ICheckpoints _checkpoints;

    /// <param name="checkpoints">Told when a load or the value store passes a named point of the run (the crash tests'
    /// pause); <see cref="Checkpoints.None"/> when null.</param>
    public SqlWarehouse(DbConnection connection, ISqlDialect dialect, ICheckpoints? checkpoints = null)
    {
        _connection = connection;
        Dialect = dialect;
        _checkpoints = checkpoints ?? Checkpoints.None;
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            _connection.Open();
        }

        _sql = new SqlCommands(_connection, dialect);
        _values = new SqlKpiValues(_connection, _sql, dialect, _checkpoints);
        Aggregator = new SqlKpiAggregator(_sql, dialect, kept: new KeptMonths(_sql, dialect));
        Runs = new SqlRunLog(_sql, dialect);
        Operations = new SqlOperationsBook(_sql, this);
    }

    public ISqlDialect Dialect { get; }

    public string Engine => Dialect.Engine;

    public IKpiAggregator Aggregator { get; }

    public IKpiValueStore ValueStore => _values;

    public IKpiValueReader ValueReader => _values;

    public IRunLog Runs { get; }

    public IOperationsBook Operations { get; }

    /// <summary>For tests and tools that cross-check the warehouse with SQL of their own.</summary>
    public DbConnection Connection => _connection;

    public IReadOnlyList<string> Migrate() => SqlMigrator.Migrate(_sql, Dialect.Engine);

    public IReadOnlyList<string> PendingScripts() => SqlMigrator.Pending(_sql, Dialect.Engine);

    public void SyncOffices(IReadOnlyList<OfficeDefinition> offices)
    {
        _sql.Begin();
        try
        {
            foreach (OfficeDefinition o in offices)
            {
                // Delete and insert: the same on every engine, and the office list is small.
                _sql.Execute("DELETE FROM dim_office WHERE office_code = @code", ("code", o.Code));
                _sql.Execute(
                    "INSERT INTO dim_office (office_code, name, office_type, country, iana_zone, is_main_entry, is_main_exit) VALUES (@code, @name, @type, @country, @zone, @entry, @exit)",
                    ("code", o.Code), ("name", o.Name), ("type", o.OfficeType), ("country", o.Country), ("zone", o.Zone.Id),
                    ("entry", o.MainEntry), ("exit", o.MainExit));
            }

            _sql.Commit();
        }
        catch
        {
            _sql.Rollback();
            throw;
        }
    }

    public IRecordLoad BeginLoad(RecordSchema type, RunContext run) => new SqlRecordLoad(_connection, _sql, Dialect, type, run, this, _checkpoints);

    public void SyncSeizureCategories(IReadOnlyList<SeizureCategoryRule> rules)
    {
        _sql.Begin();
        try
        {
            // Replaced whole: the rules are a small file the pipeline owns, and a removed rule must stop counting.
            _sql.Execute(CategoryRuleSql.DeleteAll);
            foreach (SeizureCategoryRule r in rules)
            {
                _sql.Execute(
                    CategoryRuleSql.Insert,
                    ("commodity", r.Commodity), ("category", r.Category), ("counts", r.Counts), ("mandate", r.RequiresMandate),
                    ("subcategory", r.Subcategory), ("note", r.Note), ("source", r.Source));
            }

            _sql.Commit();
        }
        catch
        {
            _sql.Rollback();
            throw;
        }
    }

    internal void EnsureDates(IEnumerable<int> years) => SqlDates.EnsureYears(_connection, _sql, Dialect, years);

    public void Dispose() => _connection.Dispose();
}
