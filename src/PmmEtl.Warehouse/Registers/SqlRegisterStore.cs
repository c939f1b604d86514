using System.Data.Common;
using PmmEtl.Core.Registers;
using PmmEtl.Core.Stages;
using PmmEtl.Warehouse.Sql;

namespace PmmEtl.Warehouse.Registers;

/// <summary>The registers half of a SQL warehouse: loads, the seizure category rules, and the variable aggregator.</summary>
internal sealed class SqlRegisterStore : IRegisterStore
{
    private readonly DbConnection _connection;
    private readonly SqlCommands _sql;
    private readonly ISqlDialect _dialect;
    private readonly SqlWarehouse _warehouse;

    public SqlRegisterStore(DbConnection connection, SqlCommands sql, ISqlDialect dialect, SqlWarehouse warehouse)
    {
        _connection = connection;
        _sql = sql;
        _dialect = dialect;
        _warehouse = warehouse;
        Aggregator = new SqlRegisterAggregator(sql, dialect);
    }

    public IRegisterAggregator Aggregator { get; }

    public IRecordLoad BeginLoad(RegisterSchema register, RunContext run) => new SqlRecordLoad(_connection, _sql, _dialect, register, run, _warehouse);

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
}
