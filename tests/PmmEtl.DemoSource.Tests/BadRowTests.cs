namespace PmmEtl.DemoSource.Tests;

public sealed class BadRowTests(GeneratedSource source) : IClassFixture<GeneratedSource>
{
    public static TheoryData<string> Kinds =>
    [
        BadRowFinder.ReleaseBeforeArrival, BadRowFinder.UnknownOffice, BadRowFinder.UnparsableTime,
        BadRowFinder.MissingLodgement, BadRowFinder.Duplicate,
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_bad_row_is_present(string kind)
    {
        var found = BadRowFinder.Find(source.Content, source.File);
        Assert.NotEmpty(found[kind]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Even_a_200_declaration_source_has_every_kind(string kind)
    {
        using var folder = new TempFolder();
        string path = folder.File("small.sqlite");
        DemoSourceGenerator.Generate(new DemoSourceOptions(path, 200));

        var found = BadRowFinder.Find(SourceContent.Load(path), path);
        Assert.NotEmpty(found[kind]);
    }

    [Fact]
    public void The_summary_counts_exactly_the_rows_a_validator_finds()
    {
        var found = BadRowFinder.Find(source.Content, source.File);
        var rows = found.Values.SelectMany(r => r).ToHashSet();

        Assert.Equal(source.Summary.BadRows, rows.Count);
        Assert.InRange(source.Summary.BadRows, 5, GeneratedSource.Declarations / 50);
    }

    [Fact]
    public void Unknown_offices_are_not_in_the_office_table_and_duplicates_repeat_office_and_type()
    {
        var found = BadRowFinder.Find(source.Content, source.File);
        var byId = source.Content.Declarations.ToLookup(d => d.DeclarationId);
        foreach (long row in found[BadRowFinder.Duplicate])
        {
            DeclarationRow copy = source.Content.Declarations[(int)row - 1];
            DeclarationRow original = byId[copy.DeclarationId].First();
            Assert.Equal((original.OfficeCode, original.DeclarationType), (copy.OfficeCode, copy.DeclarationType));
            Assert.True(string.CompareOrdinal(original.RegistrationDate, copy.RegistrationDate) <= 0);
        }

        Assert.All(found[BadRowFinder.UnknownOffice], row => Assert.Null(ExpectedOffices.ZoneOf(source.Content.Declarations[(int)row - 1].OfficeCode)));
    }
}
