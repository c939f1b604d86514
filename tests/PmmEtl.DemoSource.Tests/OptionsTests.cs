using Dapper;
using NodaTime;

namespace PmmEtl.DemoSource.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(60)]
    [InlineData(150)]
    public void Tiny_sources_have_exactly_the_requested_rows(int declarations)
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.sqlite");

        DemoSourceSummary summary = DemoSourceGenerator.Generate(new DemoSourceOptions(path, declarations));

        using var connection = Sources.Open(path);
        Assert.Equal(declarations, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM declaration"));
        Assert.Equal(declarations, summary.Declarations);
        Assert.True(summary.BadRows <= Math.Max(0, declarations / 2));
    }

    [Fact]
    public void Another_year_uses_that_years_DST_dates()
    {
        using var folder = new TempFolder();
        string path = folder.File("2024.sqlite");

        DemoSourceGenerator.Generate(new DemoSourceOptions(path, 1_000, Year: 2024));

        var content = SourceContent.Load(path);
        Assert.All(content.Declarations, d => Assert.StartsWith("2024-", d.RegistrationDate));
        var odd = (
            from d in content.Declarations
            let zone = ExpectedOffices.ZoneOf(d.OfficeCode)
            where zone is not null
            from e in content.EventsOf[d.RowId]
            let local = SourceContent.ParseLocal(e.EventLocalTime)
            where local is not null && zone.MapLocal(local.Value).Count != 1
            select (local.Value.Date, zone.MapLocal(local.Value).Count)).ToList();

        // US changes in 2024: 10 March and 3 November (not 9 March and 2 November as in 2025).
        Assert.Contains((new LocalDate(2024, 3, 10), 0), odd);
        Assert.Contains((new LocalDate(2024, 11, 3), 2), odd);
        Assert.All(odd, o => Assert.Contains(o.Date, new[] { new LocalDate(2024, 3, 10), new LocalDate(2024, 11, 3) }));
    }

    [Theory]
    [InlineData("", 10, 2025)]
    [InlineData("x.sqlite", 0, 2025)]
    [InlineData("x.sqlite", 10, 1900)]
    public void Invalid_options_are_refused_before_anything_is_written(string path, int declarations, int year)
    {
        using var folder = new TempFolder();
        string target = path.Length == 0 ? path : folder.File(path);

        Assert.ThrowsAny<ArgumentException>(() => DemoSourceGenerator.Generate(new DemoSourceOptions(target, declarations, Year: year)));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
