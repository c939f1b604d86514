using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Csv;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

/// <summary>
/// An export with ISO times and no time pattern: the reader keeps well-formed times as values and hands everything
/// else over as text, and what the normaliser makes of a row is the same either way. Instants worked out by hand for
/// New York (EST = UTC−5 in January).
/// </summary>
public sealed class CsvIsoTimeTests : IDisposable
{
    private const string Header = "id,type,office,mode,channel,aeo,ecommerce,sub,arrival,lodged,released";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private List<TestDeclaration> Read(params string[] rows)
    {
        _folder.Write("export.csv", string.Join("\n", [Header, .. rows]) + "\n");
        var columns = new Dictionary<string, FieldMapping>
        {
            ["declaration_id"] = new() { Column = "id" },
            ["declaration_type"] = new() { Column = "type" },
            ["office_code"] = new() { Column = "office" },
            ["mode_of_transport"] = new() { Column = "mode" },
            ["control_channel"] = new() { Column = "channel" },
            ["aeo"] = new() { Column = "aeo" },
            ["ecommerce"] = new() { Column = "ecommerce" },
            ["submission_channel"] = new() { Column = "sub" },
            ["arrival_local"] = new() { Column = "arrival" },
            ["lodged_local"] = new() { Column = "lodged" },
            ["released_local"] = new() { Column = "released" },
        };
        return Sources.Read(Sources.Csv(new CsvSourceSettings { Path = _folder.Path, Columns = columns }));
    }

    [Fact]
    public void Well_formed_times_are_values_that_read_back_as_their_text_and_normalise_to_the_hand_worked_instants()
    {
        List<TestDeclaration> rows = Read(
            "A1,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00:00,2025-01-10T09:00:00, 2025-01-10 10:30:00 ",
            "A2,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00,2025-01-10 09:00:00,2025-01-10 10:30:00");

        TestDeclaration a1 = rows[0];
        Assert.True(a1.ArrivalLocalTime.HasValue);
        Assert.True(a1.LodgedLocalTime.HasValue);
        Assert.True(a1.ReleasedLocalTime.HasValue);
        // The text is the trimmed cell, as the reader always handed it over.
        Assert.Equal(("2025-01-10 08:00:00", "2025-01-10T09:00:00", "2025-01-10 10:30:00"), (a1.ArrivalLocal, a1.LodgedLocal, a1.ReleasedLocal));
        DeclarationView n1 = Sources.Loaded(a1);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 13, 0), n1.ArrivalAt);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 14, 0), n1.LodgedAt);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 15, 30), n1.ReleasedAt);
        Assert.Equal(150, n1.ArrivalToRelease!.Value.TotalMinutes);

        // Without seconds the time is another shape: it stays text, and the normaliser reads it to the same instant.
        TestDeclaration a2 = rows[1];
        Assert.False(a2.ArrivalLocalTime.HasValue);
        Assert.Equal("2025-01-10 08:00", a2.ArrivalLocal);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 13, 0), Sources.Loaded(a2).ArrivalAt);
    }

    [Fact]
    public void A_refused_row_quotes_the_raw_text_of_its_field_whether_it_was_kept_as_a_value_or_as_text()
    {
        List<TestDeclaration> rows = Read(
            "B1,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00:00,2025-01-10 09:00:00,2025-01-10 07:45:00",
            "B2,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00:00,2025-02-30 09:00:00,2025-01-10 10:30:00",
            "B3,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00:00,,2025-01-10 10:30:00");
        string file = _folder.File("export.csv");

        // Release at 07:45 is before the arrival at 08:00 (both values): the entry quotes the release text.
        QuarantineEntry b1 = Sources.Normalise(rows[0]).Quarantine!;
        Assert.Equal(new QuarantineEntry("declaration", file, 2, "B1", null, "released_local",
            "released_local: release before arrival of the goods; released_local: release before lodgement of the declaration", "2025-01-10 07:45:00"), b1);

        // 30 February has the shape but is no day: it stays text and is refused as unparsable, quoted as it was.
        Assert.False(rows[1].LodgedLocalTime.HasValue);
        QuarantineEntry b2 = Sources.Normalise(rows[1]).Quarantine!;
        Assert.Equal(("lodged_local", "2025-02-30 09:00:00", 3L), (b2.Field, b2.RawValue, b2.RowNumber));
        Assert.StartsWith("lodged_local: unparsable time", b2.Reason, StringComparison.Ordinal);

        // An empty cell is no value at all (the reader hands over null): the lodgement is missing, with nothing to quote.
        QuarantineEntry b3 = Sources.Normalise(rows[2]).Quarantine!;
        Assert.Equal(("lodged_local", "lodged_local: missing lodgement time", (string?)null), (b3.Field, b3.Reason, b3.RawValue));
    }

    [Fact]
    public void A_repeated_code_is_one_string_across_rows()
    {
        List<TestDeclaration> rows = Read(
            "C1,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00:00,2025-01-10 09:00:00,2025-01-10 10:30:00",
            "C2,IMPORT,NYC,SEA,GREEN,1,0,EDI,2025-01-10 08:00:00,2025-01-10 09:00:00,2025-01-10 10:30:00");
        Assert.Same(rows[0].OfficeCode, rows[1].OfficeCode);
        Assert.Same(rows[0].ControlChannel, rows[1].ControlChannel);
        Assert.NotSame(rows[0].DeclarationId, rows[1].DeclarationId);
        Assert.Equal(("C1", "C2"), (rows[0].DeclarationId, rows[1].DeclarationId));
    }
}
