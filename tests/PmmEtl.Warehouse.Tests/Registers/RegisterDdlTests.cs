using PmmEtl.Core.Records;
using PmmEtl.Warehouse.Records;
using PmmEtl.Warehouse.Measure;
using PmmEtl.Warehouse.Sql;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Warehouse.Tests.Registers;

/// <summary>
/// sql/&lt;engine&gt;/010_registers.sql is generated from the register schemas: the checked-in (embedded) script must be
/// exactly what <see cref="RegisterDdl"/> generates now, so a schema change that was not regenerated fails here.
/// With PMMETL_REGENERATE_SQL=1 this test rewrites the three scripts instead (then rebuild and run it again).
/// </summary>
public sealed class RegisterDdlTests
{
    private const string RegenerateVariable = "PMMETL_REGENERATE_SQL";

    public static TheoryData<string> Engines() => new(RegisterDdl.All.Select(d => d.Engine));

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_checked_in_script_is_what_the_schemas_generate(string engine)
    {
        string generated = RegisterDdl.For(engine).Script();
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            RegisterDdl.WriteScripts(Path.Combine(RepositoryRoot(), "sql"));
            TestContext.Current.SendDiagnosticMessage($"rewrote sql/*/{RegisterDdl.ScriptName}; rebuild and run again without {RegenerateVariable}");
            return;
        }

        SchemaScript? checkedIn = SchemaScript.For(engine).SingleOrDefault(s => s.Name == RegisterDdl.ScriptName);
        Assert.True(checkedIn is not null, $"sql/{engine}/{RegisterDdl.ScriptName} is missing: run this test with {RegenerateVariable}=1");
        Assert.True(Normalised(checkedIn.Text) == generated,
            $"sql/{engine}/{RegisterDdl.ScriptName} differs from what the register schemas generate: run this test with {RegenerateVariable}=1 and commit the scripts");
    }

    [Fact]
    public void Every_loaded_register_has_a_table_a_staging_twin_and_its_columns_in_field_order()
    {
        string script = RegisterDdl.For("duckdb").Script();
        foreach (RecordSchema register in RegisterList.Registers)
        {
            int table = script.IndexOf($"CREATE TABLE IF NOT EXISTS {register.Table} (", StringComparison.Ordinal);
            Assert.True(table >= 0, register.Table);
            Assert.Contains($"CREATE TABLE IF NOT EXISTS stg_{register.Name} AS SELECT * FROM {register.Table} LIMIT 0;", script, StringComparison.Ordinal);
            int at = table;
            foreach (string column in register.Fields.Select(f => f.Name).Concat(["source_name", "source_row", "run_id"]))
            {
                int next = script.IndexOf($"\n    {RecordColumns.Name(column)} ", at, StringComparison.Ordinal);
                Assert.True(next > at, $"{register.Table}.{column} is missing or out of order");
                at = next;
            }
        }

        Assert.Contains($"CREATE TABLE IF NOT EXISTS {RegisterDdl.CategoryRuleTable} (", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_types_follow_the_field_types_on_every_engine()
    {
        // staff: gender is Code, uniformed Bool, employment_start Date; inspection.started_at LocalTime;
        // training.hours Number; competency_assessment.required_level Integer.
        string duck = RegisterDdl.For("duckdb").Script();
        string pg = RegisterDdl.For("postgres").Script();
        string ms = RegisterDdl.For("sqlserver").Script();
        Assert.Matches(@"\n    gender +VARCHAR NOT NULL,", duck);
        Assert.Matches(@"\n    uniformed +BOOLEAN,", duck);
        Assert.Matches(@"\n    started_at +TIMESTAMP,", duck);
        Assert.Matches(@"\n    hours +DOUBLE,", duck);
        Assert.Matches(@"\n    required_level +BIGINT NOT NULL,", duck);
        Assert.Matches(@"\n    started_at +TIMESTAMPTZ,", pg);
        Assert.Matches(@"\n    hours +DOUBLE PRECISION,", pg);
        Assert.Matches(@"\n        gender +NVARCHAR\(400\) NOT NULL,", ms);
        Assert.Matches(@"\n        uniformed +BIT NULL,", ms);
        Assert.Matches(@"\n        started_at +DATETIME2\(6\) NULL,", ms);
        Assert.Matches(@"\n        hours +FLOAT NULL,", ms);
        Assert.Contains("CREATE UNIQUE INDEX ux_fact_seizure_item_key ON dbo.fact_seizure_item (seizure_id, line_no);", ms, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX IF NOT EXISTS ix_fact_seizure_date ON fact_seizure (seizure_date);", pg, StringComparison.Ordinal);
        Assert.DoesNotContain("ix_dim_staff_date", pg, StringComparison.Ordinal);
        // dim_service.external is reserved in T-SQL: quoted on every engine.
        Assert.Matches(@"\n        ""external"" +BIT NOT NULL,", ms);
        Assert.Matches(@"\n    ""external"" +BOOLEAN NOT NULL,", duck);
    }

    private static string Normalised(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PmmEtl.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException($"no PmmEtl.sln above {AppContext.BaseDirectory}");
    }
}
