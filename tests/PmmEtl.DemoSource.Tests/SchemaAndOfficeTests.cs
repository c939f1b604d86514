using Dapper;
using NodaTime;

namespace PmmEtl.DemoSource.Tests;

public sealed class SchemaAndOfficeTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    [Theory]
    [InlineData("office", "office_code,name,office_type")]
    [InlineData("trader", "trader_id,name,aeo_status,aeo_valid_from")]
    [InlineData("declaration", "row_id,declaration_id,declaration_type,cargo_direction,office_code,registration_date,transport_mode,control_channel,trader_id,pre_arrival,ecommerce,risk_level,submission_channel,immediate_release")]
    [InlineData("declaration_event", "declaration_row_id,event_code,event_local_time,actor")]
    [InlineData("decl_valuation", "decl_no,reg_date,office_code,regime,trader_id,stat_value,duty_assessed,currency")]
    [InlineData("seizure_line", "case_no,line_no,commodity_code,description,qty,unit,value_usd,mandate")]
    [InlineData("employee", "emp_no,sex,pay_grade,title,uniformed,frontline,hired_on,separated_on")]
    public void Tables_have_the_agreed_columns(string table, string columns)
    {
        using var connection = Sources.Open(source.File);
        var names = connection.Query<string>($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
        Assert.Equal(columns, string.Join(',', names));
    }

    [Fact]
    public void Indexes_exist()
    {
        using var connection = Sources.Open(source.File);
        var indexes = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name");
        Assert.Equal(
            ["ix_aeo_trader", "ix_control_date", "ix_decl_date", "ix_event_decl", "ix_house_bill_date", "ix_pax_date", "ix_seizure_date",
             "ix_seizure_line_case", "ix_valuation_date"],
            indexes);
    }

    [Fact]
    public void Every_office_of_the_brief_is_present_and_nothing_else()
    {
        using var connection = Sources.Open(source.File);
        var offices = connection.Query<(string Code, string Name, string Type)>(
            "SELECT office_code, name, office_type FROM office ORDER BY office_code").ToList();

        var expected = ExpectedOffices.All.Select(o => (o.Code, o.Name, o.Type)).OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, offices);
    }

    [Fact]
    public void The_public_office_list_matches_the_brief()
    {
        var actual = DemoOffices.All.Select(o => (o.Code, o.Name, o.OfficeType, o.ZoneId, o.DefaultMode, o.MainEntry, o.MainExit));
        Assert.Equal(ExpectedOffices.All, actual);
    }

    [Fact]
    public void Offices_span_at_least_three_zones_two_of_them_with_DST()
    {
        var zones = ExpectedOffices.All.Select(o => o.Zone).Distinct().Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        Instant start = Instant.FromUtc(2025, 1, 1, 0, 0);
        Instant end = Instant.FromUtc(2026, 1, 1, 0, 0);

        Assert.True(zones.Count >= 3);
        Assert.True(zones.Count(z => z.GetZoneIntervals(start, end).Count() > 1) >= 2);
        // Every office actually has declarations.
        Assert.All(ExpectedOffices.All, o => Assert.Contains(source.Content.Declarations, d => d.OfficeCode == o.Code));
    }

    [Fact]
    public void Rows_are_numbered_and_registered_in_the_year()
    {
        var rows = source.Content.Declarations;
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(d => d.RowId));
        Assert.All(rows, d => Assert.StartsWith("2025-", d.RegistrationDate));
        Assert.All(rows, d => Assert.StartsWith("25", d.DeclarationId));
    }

    [Fact]
    public void A_declaration_has_at_most_one_event_of_each_code_with_its_actor()
    {
        using var connection = Sources.Open(source.File);
        Assert.Equal(0, connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM declaration_event GROUP BY declaration_row_id, event_code HAVING COUNT(*) > 1)"));

        var actors = connection.Query<(string Code, string Actor)>(
            "SELECT DISTINCT event_code, actor FROM declaration_event ORDER BY event_code").ToList();
        var expected = new Dictionary<string, string>
        {
            ["ARR"] = "BUSINESS", ["LOD"] = "BUSINESS", ["LOB"] = "BUSINESS", ["OGA"] = "OGA",
            ["INS"] = "CUSTOMS", ["INE"] = "CUSTOMS", ["CLR"] = "CUSTOMS", ["REL"] = "CUSTOMS",
        };
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)), actors);
    }

    [Fact]
    public void Event_codes_follow_the_declaration_type()
    {
        var content = source.Content;
        foreach (DeclarationRow d in content.Declarations)
        {
            var codes = content.EventsOf[d.RowId].Select(e => e.EventCode).ToHashSet();
            if (d.DeclarationType is "TR" or "CG")
            {
                Assert.Subset(new HashSet<string> { "LOD", "ARR", "REL" }, codes);
            }

            Assert.True(d.DeclarationType == "EX" || !codes.Contains("LOB"), $"row {d.RowId}: only exports are loaded on board");
            Assert.Equal(d.DeclarationType == "CG", d.CargoDirection is "I" or "O");
        }
    }
}
