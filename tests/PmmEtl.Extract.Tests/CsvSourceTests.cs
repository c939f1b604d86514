using System.Text;
using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

public sealed class CsvSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private List<TestDeclaration> Read(string text, Func<CsvSourceSettings, CsvSourceSettings>? adjust = null, string name = "export.csv")
    {
        _folder.Write(name, text);
        CsvSourceSettings settings = CsvExport.Settings(_folder.Path);
        return Sources.Read(Sources.Csv(adjust is null ? settings : adjust(settings)));
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public void Maps_columns_codes_constants_defaults_and_day_first_times_to_canonical_text()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1", mode: "40", channel: "R", aeo: "J", sub: "WEB")));

        TestDeclaration r = Assert.Single(rows);
        Assert.Null(r.SourceError);
        Assert.Equal(("A1", "IMPORT", "NYC", "AIR", "RED", "1", "0", "WEB"),
            (r.DeclarationId, r.DeclarationType, r.OfficeCode, r.ModeOfTransport, r.ControlChannel, r.Aeo, r.Ecommerce, r.SubmissionChannel));
        Assert.Equal(("2025-01-10 08:00:00", "2025-01-10 09:00:00", "2025-01-10 10:30:00"), (r.ArrivalLocal, r.LodgedLocal, r.ReleasedLocal));
        Assert.Equal(_folder.File("export.csv"), r.SourceName);
        Assert.Equal(2, r.RowNumber);

        // The normaliser reads the text as New York local time: 08:00 EST = 13:00 UTC, 150 minutes to release.
        DeclarationView n = Sources.Loaded(r);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 13, 0), n.ArrivalAt);
        Assert.Equal(150, n.ArrivalToRelease!.Value.TotalMinutes);
    }

    [Fact]
    public void An_unmapped_code_passes_through_for_the_normaliser_to_refuse_by_name_and_an_empty_cell_takes_the_default()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1", mode: "99", aeo: "", sub: "")));

        TestDeclaration r = Assert.Single(rows);
        Assert.Equal(("99", "0", "EDI"), (r.ModeOfTransport, r.Aeo, r.SubmissionChannel));
        QuarantineEntry q = Sources.Normalise(r).Quarantine!;
        Assert.Equal("mode_of_transport", q.Field);
        Assert.Contains("unknown code '99'", q.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_refused_with_file_line_and_reason_and_the_rows_around_it_load()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1"), "A2;IM;NYC;10", CsvExport.Row("A3") + ";extra", CsvExport.Row("A4")));

        Assert.Equal(["A1", "A2", "A3", "A4"], rows.Select(r => r.DeclarationId));
        Assert.Null(rows[0].SourceError);
        Assert.Equal("export.csv line 3: control_channel: 4 fields where the header has 10 (no value for control_channel, aeo, submission_channel, arrival_local, lodged_local, released_local)", rows[1].SourceError);
        Assert.Equal("control_channel", rows[1].SourceErrorField);
        Assert.Equal(3, rows[1].RowNumber);
        Assert.Equal("export.csv line 4: row: 11 fields where the header has 10", rows[2].SourceError);
        Assert.Null(rows[3].SourceError);

        QuarantineEntry q = Sources.Normalise(rows[1]).Quarantine!;
        Assert.Equal(("A2", "control_channel", 3L), (q.SourceKey, q.Field, q.RowNumber));
    }

    [Fact]
    public void An_unparsable_time_is_refused_naming_the_field_the_value_and_the_format()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1", arrival: "2025-01-10 08:00"), CsvExport.Row("A2", released: "31/02/2025 10:00")));

        Assert.Equal("export.csv line 2: arrival_local: '2025-01-10 08:00' does not match the time format 'dd/MM/uuuu HH:mm'", rows[0].SourceError);
        Assert.Equal("arrival_local", rows[0].SourceErrorField);
        Assert.Equal("export.csv line 3: released_local: '31/02/2025 10:00' does not match the time format 'dd/MM/uuuu HH:mm'", rows[1].SourceError);
    }

    [Fact]
    public void A_mapped_column_missing_from_any_header_is_a_configuration_error_before_any_row_is_read()
    {
        _folder.Write("a.csv", Lines(CsvExport.Header, CsvExport.Row("A1")));
        _folder.Write("b.csv", Lines(CsvExport.Header.Replace("ARRIVAL", "ARRIVED", StringComparison.Ordinal), CsvExport.Row("B1")));

        IEnumerator<TestDeclaration> rows = Sources.Declarations(Sources.Csv(CsvExport.Settings(_folder.Path)), "test").GetEnumerator();

        var e = Assert.Throws<SourceConfigurationException>(() => rows.MoveNext());
        Assert.Contains("source.csv.columns.arrival_local: the column 'ARRIVAL' is missing", e.Message, StringComparison.Ordinal);
        Assert.Contains(_folder.File("b.csv"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_error_quotes_near_misses_of_the_mapped_name_and_no_other_header_text()
    {
        // ARRIVED is a near miss of ARRIVAL (one letter); the other names of a foreign header are not repeated.
        string header = CsvExport.Header.Replace("ARRIVAL", "ARRIVED", StringComparison.Ordinal) + ";Sw0rdfish\u0007Header";

        var e = Assert.Throws<SourceConfigurationException>(() => Read(Lines(header, CsvExport.Row("A1"))));

        Assert.StartsWith("source.csv.columns.arrival_local: the column 'ARRIVAL' is missing (similar: 'ARRIVED') in the header of ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith($", which has {header.Split(';').Length} columns (header text is quoted only where it resembles a mapped name: open the file to compare)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sw0rdfish", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DECL_NO", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_names_match_exactly_or_else_ignoring_case_and_blanks_and_a_duplicated_mapped_column_is_refused()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header.Replace("OFFICE", " office ", StringComparison.Ordinal), CsvExport.Row("A1")));
        Assert.Equal("NYC", Assert.Single(rows).OfficeCode);

        _folder.Write("export.csv", Lines(CsvExport.Header + ";DECL_NO", CsvExport.Row("A1") + ";A1"));
        var e = Assert.Throws<SourceConfigurationException>(() => Sources.Read(Sources.Csv(CsvExport.Settings(_folder.Path))));
        Assert.Contains("the column 'DECL_NO' appears twice (positions 1 and 11)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_refuse_their_row_only()
    {
        byte[] good = Encoding.UTF8.GetBytes(Lines(CsvExport.Header, CsvExport.Row("A1")));
        byte[] bad = [.. Encoding.UTF8.GetBytes("A2;IM;NY"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(";10;G;N;;10/01/2025 08:00;10/01/2025 09:00;10/01/2025 10:30\n")];
        byte[] after = Encoding.UTF8.GetBytes(CsvExport.Row("A3") + "\n");
        _folder.WriteBytes("export.csv", [.. good, .. bad, .. after]);

        List<TestDeclaration> rows = Sources.Read(Sources.Csv(CsvExport.Settings(_folder.Path)));

        Assert.Equal(["A1", "A2", "A3"], rows.Select(r => r.DeclarationId));
        Assert.Equal("export.csv line 3: office_code: bytes that are not valid utf-8 (read as U+FFFD)", rows[1].SourceError);
        Assert.Null(rows[0].SourceError);
        Assert.Null(rows[2].SourceError);
    }

    [Fact]
    public void Latin1_exports_are_read_in_their_encoding()
    {
        _folder.WriteBytes("export.csv", Encoding.Latin1.GetBytes(Lines(CsvExport.Header + ";TRADER", CsvExport.Row("A1") + ";Société Générale")));
        var columns = CsvExport.Columns();
        columns["trader_id"] = new FieldMapping { Column = "TRADER" };

        TestDeclaration r = Assert.Single(Sources.Read(Sources.Csv(CsvExport.Settings(_folder.Path, columns) with { Encoding = "latin1" })));

        Assert.Null(r.SourceError);
        Assert.Equal("Société Générale", r.TraderId);
    }

    [Theory]
    [InlineData("utf-8", true)]
    [InlineData("latin1", true)]
    [InlineData("windows-1252", true)]
    [InlineData("iso-8859-15", true)]
    [InlineData("klingon", false)]
    public void Encodings_are_known_by_name_including_windows_code_pages(string name, bool known)
    {
        Assert.Equal(known, PmmEtl.Extract.Csv.CsvEncodings.TryGet(name, out _));
    }

    [Fact]
    public void A_field_longer_than_max_field_chars_refuses_its_row()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1", office: new string('X', 50)), CsvExport.Row("A2")),
            s => s with { MaxFieldChars = 20 });

        Assert.Equal("export.csv line 2: office_code: 50 characters, more than max_field_chars (20)", rows[0].SourceError);
        Assert.Null(rows[1].SourceError);
    }

    [Fact]
    public void A_record_longer_than_max_record_chars_is_refused_and_reading_resumes_on_the_next_line()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1"), CsvExport.Row("A2", office: new string('X', 20_000)), CsvExport.Row("A3"), CsvExport.Row("A4")),
            s => s with { MaxRecordChars = 8192, MaxFieldChars = 100_000 });

        Assert.Equal(4, rows.Count);
        Assert.Equal("A1", rows[0].DeclarationId);
        Assert.Equal(3, rows[1].RowNumber);
        Assert.StartsWith("export.csv line 3: a record longer than max_record_chars (8192 characters)", rows[1].SourceError, StringComparison.Ordinal);
        Assert.Equal((4L, "A3"), (rows[2].RowNumber, rows[2].DeclarationId));
        Assert.Equal((5L, "A4"), (rows[3].RowNumber, rows[3].DeclarationId));
        Assert.All(rows.Where(r => r.RowNumber != 3), r => Assert.Null(r.SourceError));
    }

    [Fact]
    public void A_stray_quote_after_a_closing_one_refuses_its_line_and_the_following_lines_still_load()
    {
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1"), CsvExport.Row("A2", office: "\"NYC\"X"), CsvExport.Row("A3")));

        Assert.Equal(3, rows.Count);
        Assert.StartsWith("export.csv line 3: malformed CSV", rows[1].SourceError, StringComparison.Ordinal);
        Assert.EndsWith("; reading resumed on the next line", rows[1].SourceError, StringComparison.Ordinal);
        Assert.Equal((4L, "A3", null), (rows[2].RowNumber, rows[2].DeclarationId, rows[2].SourceError));
    }

    [Fact]
    public void The_lines_inside_a_broken_quoted_field_are_refused_with_it_and_never_become_rows()
    {
        // Line 3 opens a quote in OFFICE; line 4 is inside it, although it looks like a row; line 5 closes it and
        // goes on with text after the closing quote, which breaks the record. Lines 3-5 are one broken record.
        List<TestDeclaration> rows = Read(Lines(
            CsvExport.Header,
            CsvExport.Row("A1"),
            "A2;IM;\"NYC",
            CsvExport.Row("A9"),
            "X\" and more;10;G;N;;10/01/2025 08:00;10/01/2025 09:00;10/01/2025 10:30",
            CsvExport.Row("A3")));

        Assert.Equal(["A1", null, "A3"], rows.Select(r => r.DeclarationId));
        Assert.Equal((3L, "row"), (rows[1].RowNumber, rows[1].SourceErrorField));
        Assert.StartsWith("export.csv line 3: malformed CSV", rows[1].SourceError, StringComparison.Ordinal);
        Assert.EndsWith("; a quoted field spans lines 3–5, so they were refused as one record; reading resumed on line 6", rows[1].SourceError, StringComparison.Ordinal);
        Assert.Equal((6L, null), (rows[2].RowNumber, rows[2].SourceError));
    }

    [Fact]
    public void A_quote_that_never_closes_takes_the_rest_of_the_file_so_the_lines_inside_it_never_become_rows()
    {
        // A file cut inside a quoted field (or a quote opened by mistake): by the quoting rules every line after it is
        // inside the field, however much it looks like a row, and there is no end to resume after.
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1"), CsvExport.Row("A2", office: "\"NYC"), CsvExport.Row("A9"), CsvExport.Row("A10")));

        Assert.Equal(["A1", null], rows.Select(r => r.DeclarationId));
        Assert.StartsWith("export.csv line 3: malformed CSV", rows[1].SourceError, StringComparison.Ordinal);
        Assert.EndsWith("; a quoted field opened in this record never closes, so the rest of the file (lines 3–5) is inside it and was refused", rows[1].SourceError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_field_longer_than_max_record_chars_is_refused_whole_and_its_inner_lines_are_not_rows()
    {
        // A well-formed quoted field of 30 lines that look like rows, longer than max_record_chars: refused as one
        // record from line 3 to line 32 (the 30th inner line carries the closing quote), and reading goes on at line 33.
        string inner = string.Join("\n", Enumerable.Range(1, 30).Select(i => CsvExport.Row($"X{i}")));
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1"), CsvExport.Row("A2", office: $"\"{inner}\""), CsvExport.Row("A3")),
            s => s with { MaxRecordChars = 1024, MaxFieldChars = 100_000 });

        Assert.Equal(["A1", null, "A3"], rows.Select(r => r.DeclarationId));
        Assert.StartsWith("export.csv line 3: a record longer than max_record_chars (1024 characters)", rows[1].SourceError, StringComparison.Ordinal);
        Assert.EndsWith("a quoted field spans lines 3–32, so they were refused as one record; reading resumed on line 33", rows[1].SourceError, StringComparison.Ordinal);
        Assert.Equal(33L, rows[2].RowNumber);
    }

    [Fact]
    public void Quoted_fields_with_line_breaks_keep_the_line_numbers_of_later_rows_right_and_blank_lines_are_skipped()
    {
        var columns = CsvExport.Columns();
        columns["trader_id"] = new FieldMapping { Column = "TRADER" };
        _folder.Write("export.csv", "DECL_NO;TYPE;OFFICE;MODE;CHANNEL;AEO;SUB;ARRIVAL;LODGED;RELEASED;TRADER\r\n"
            + CsvExport.Row("A1") + ";\"Two\r\nlines\"\r\n\r\n"
            + CsvExport.Row("A2", arrival: "bad") + ";T\r\n");

        List<TestDeclaration> rows = Sources.Read(Sources.Csv(CsvExport.Settings(_folder.Path, columns)));

        Assert.Equal("Two\r\nlines", rows[0].TraderId);
        Assert.Equal(2, rows[0].RowNumber);
        Assert.Equal(5, rows[1].RowNumber);
        Assert.StartsWith("export.csv line 5: arrival_local", rows[1].SourceError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_offset_rule_appends_the_offset_and_a_pattern_with_an_offset_keeps_the_data_s_own()
    {
        var columns = CsvExport.Columns();
        columns["released_local"] = new FieldMapping { Column = "RELEASED", Format = "uuuu-MM-dd'T'HH:mm:sso<G>" };
        List<TestDeclaration> rows = Read(Lines(CsvExport.Header, CsvExport.Row("A1", released: "2025-01-10T16:30:00Z")),
            s => s with { Columns = columns, Offset = Offset.FromHours(-5) });

        TestDeclaration r = Assert.Single(rows);
        Assert.Equal(("2025-01-10T08:00:00-05:00", "2025-01-10T09:00:00-05:00", "2025-01-10T16:30:00Z"), (r.ArrivalLocal, r.LodgedLocal, r.ReleasedLocal));
        DeclarationView n = Sources.Loaded(r);
        Assert.Equal(210, n.ArrivalToRelease!.Value.TotalMinutes);
    }

    [Fact]
    public void Without_a_header_columns_are_positions()
    {
        var columns = CsvExport.Columns().ToDictionary(c => c.Key, c => c.Value.Column is null ? c.Value : c.Value with
        {
            Column = (CsvExport.Header.Split(';').ToList().IndexOf(c.Value.Column) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        List<TestDeclaration> rows = Read(Lines(CsvExport.Row("A1"), "A2;IM;NYC"), s => s with { Header = false, Columns = columns });

        Assert.Equal("2025-01-10 10:30:00", rows[0].ReleasedLocal);
        Assert.Null(rows[0].SourceError);
        Assert.Equal((1L, 2L), (rows[0].RowNumber, rows[1].RowNumber));
        Assert.Equal("export.csv line 2: row: 3 fields, fewer than the 10 the mapping reads", rows[1].SourceError);
    }

    [Fact]
    public void Files_are_read_in_ordinal_order_and_only_those_matching_the_pattern()
    {
        _folder.Write("b.csv", Lines(CsvExport.Header, CsvExport.Row("B1")));
        _folder.Write("a.csv", Lines(CsvExport.Header, CsvExport.Row("A1")));
        _folder.Write("B.csv", Lines(CsvExport.Header, CsvExport.Row("UPPER")));
        _folder.Write("notes.txt", "not an export");
        _folder.Write("a.csvx", "not an export either");
        _folder.Write("empty.csv", "");

        List<TestDeclaration> rows = Sources.Read(Sources.Csv(CsvExport.Settings(_folder.Path)));

        Assert.Equal(["UPPER", "A1", "B1"], rows.Select(r => r.DeclarationId));
    }

    [Fact]
    public void An_empty_folder_fails_the_run_instead_of_looking_like_a_quiet_day()
    {
        var e = Assert.Throws<SourceConfigurationException>(() => Sources.Read(Sources.Csv(CsvExport.Settings(_folder.Path))));
        Assert.Contains("no file matches '*.csv'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_export_is_streamed_row_by_row()
    {
        string file = _folder.File("big.csv");
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(CsvExport.Header);
            for (int i = 0; i < 200_000; i++)
            {
                writer.WriteLine(CsvExport.Row("D" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long count = 0;
        long lastLine = 0;
        foreach (TestDeclaration r in Sources.Declarations(Sources.Csv(CsvExport.Settings(_folder.Path)), "t"))
        {
            count++;
            lastLine = r.RowNumber;
            if (count == 1000)
            {
                // Memory held does not grow with the file: by row 1000 the heap holds no more than a few buffers.
                Assert.True(GC.GetTotalMemory(forceFullCollection: true) < 200_000_000);
            }
        }

        Assert.Equal(200_000, count);
        Assert.Equal(200_001, lastLine);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() > before);
    }
}
