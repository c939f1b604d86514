namespace PmmEtl.Warehouse.Records;

/// <summary>The statements that replace the seizure category rules (public so tests can parse the T-SQL).</summary>
public static class CategoryRuleSql
{
    public static string DeleteAll => $"DELETE FROM {RegisterDdl.CategoryRuleTable}";

    public static string Insert =>
        $"INSERT INTO {RegisterDdl.CategoryRuleTable} ({string.Join(", ", RegisterDdl.CategoryRuleColumns.Select(c => RecordColumns.Name(c.Name)))}) "
        + "VALUES (@commodity, @category, @counts, @mandate, @subcategory, @note, @source)";
}
