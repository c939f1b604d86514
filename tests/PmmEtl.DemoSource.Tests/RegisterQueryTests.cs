using PmmEtl.Core.Records;

namespace PmmEtl.DemoSource.Tests;

/// <summary>
/// demo.yaml's query of every register, run against a generated source with SQLite as the pipeline would: it must
/// give exactly the register's canonical fields (the derived ones are the normaliser's), take the window on the
/// register's date when it is dated, and return rows.
/// </summary>
public sealed class RegisterQueryTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    public static TheoryData<string> Loaded => new(RecordTypes.Registers.Select(r => r.Name));

    [Fact]
    public void Demo_yaml_has_a_query_for_the_declaration_and_every_loaded_register_and_nothing_else()
    {
        var expected = new[] { "declaration" }.Concat(RecordTypes.Registers.Select(r => r.Name)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, DemoPipeline.Queries.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Loaded))]
    public void The_query_returns_exactly_the_registers_non_derived_fields(string name)
    {
        RecordSchema register = RecordTypes.Get(name);

        RegisterRows rows = source.Register(register);

        var expected = register.Fields.Where(f => !f.Derived).Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, rows.Columns.Order(StringComparer.Ordinal));
        Assert.NotEmpty(rows.Rows);
    }

    [Theory]
    [MemberData(nameof(Loaded))]
    public void Dated_registers_take_the_window_on_their_date_and_undated_ones_are_read_whole(string name)
    {
        RecordSchema register = RecordTypes.Get(name);
        string sql = DemoPipeline.Queries[name];

        Assert.Equal(register.IsDated, sql.Contains("@from", StringComparison.Ordinal));
        Assert.Equal(register.IsDated, sql.Contains("@to", StringComparison.Ordinal));
        if (register.DateField is not { } dateField)
        {
            return;
        }

        // A week of March: every row returned is dated in it (as text, as the source compares), and some are.
        RegisterRows week = RegisterRows.Read(source.File, register, "2025-03-03", "2025-03-10");
        static bool InWeek(string? date) => string.CompareOrdinal(date, "2025-03-03") >= 0 && string.CompareOrdinal(date, "2025-03-10") < 0;
        Assert.All(week.Rows, r => Assert.True(InWeek(r[dateField]), $"{r[dateField]} is outside the window"));
        Assert.Equal(source.Register(register).Rows.Count(r => InWeek(r[dateField])), week.Rows.Count);
    }

    [Fact]
    public void Every_national_register_table_feeds_one_register()
    {
        Assert.Equal(RecordTypes.Registers.Select(r => r.Name), source.Summary.Registers.Select(r => r.Register));
        Assert.All(source.Summary.Registers, r => Assert.True(r.Rows > 0, $"{r.Table} is empty"));
    }
}
