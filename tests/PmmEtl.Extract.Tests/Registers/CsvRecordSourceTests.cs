using NodaTime;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Core.Time;
using PmmEtl.Extract.Csv;
using PmmEtl.Extract.Files;
using PmmEtl.Normalise;
using PmmEtl.Testing;
using RegisterList = PmmEtl.Core.Records.RecordTypes;

namespace PmmEtl.Extract.Tests.Registers;

/// <summary>A folder of register files (declaration_amount.csv, staff.csv) next to the declaration exports.</summary>
public sealed class CsvRecordSourceTests : IDisposable
{
    private const string AmountHeader = "declaration_id,business_date,office_code,direction,aeo_involved,statistical_value,customs_duty,currency";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private IRecordSource Source(string? registers = "registers") => RecordSources.Create(Sources.Csv(new CsvSourceSettings
    {
        Path = _folder.File("declarations"),
        Columns = new Dictionary<string, FieldMapping>(),
        RegistersPath = registers is null ? null : _folder.File(registers),
    }), "p");

    private List<RawRecord> Read(RecordSchema register) => Source().Read(register, ExtractWindow.Everything, CancellationToken.None).ToList();

    private void WriteBoth()
    {
        _folder.Write("registers/declaration_amount.csv", Lines(
            AmountHeader,
            "DA1,2025-03-02,NYC,IMPORT,1,1000,80,EUR",
            "DA2,2025-03-02,NYC,IMPORT,0",
            "DA3,2025-03-03,\"NYC\"X,IMPORT,0,10,1,USD",
            "DA4,2025-03-04,ord,export,N,2000.5,,usd"));
        // Header names match ignoring case and blanks; the trailing delimiter makes a nameless column, which is ignored.
        _folder.Write("registers/staff.csv", Lines(
            " Staff_ID ,gender,grade,employment_start,frontline_inspection,",
            "S1,FEMALE,SENIOR,2001-05-01,0,",
            "S2,male,OFFICER,2024-09-01,yes,"));
    }

    [Fact]
    public void Each_register_file_in_the_folder_is_available_and_without_a_folder_none_is()
    {
        WriteBoth();

        Assert.Equal(["declaration_amount", "staff"], Source().Available.Where(r => r.Name != "declaration").Select(r => r.Name));
        Assert.Equal(["declaration"], Source(registers: null).Available.Select(r => r.Name));
    }

    [Fact]
    public void A_short_line_and_a_malformed_line_are_refused_naming_file_line_and_field_and_the_rows_around_them_load()
    {
        WriteBoth();

        List<RawRecord> rows = Read(RegisterList.DeclarationAmount);

        Assert.Equal([2L, 3L, 4L, 5L], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Equal(_folder.File("registers/declaration_amount.csv"), r.SourceName));
        Assert.Null(rows[0].SourceError);
        Assert.Equal(("1000", "80", "EUR"), (rows[0]["statistical_value"], rows[0]["customs_duty"], rows[0]["currency"]));

        // Line 3 has 5 of the header's 8 fields: the first it lacks is statistical_value; only its key is kept.
        Assert.Equal("declaration_amount.csv line 3: statistical_value: 5 fields where the header has 8 (no value for statistical_value, customs_duty, currency)",
            rows[1].SourceError);
        Assert.Equal(("statistical_value", "DA2", null), (rows[1].SourceErrorField, rows[1]["declaration_id"], rows[1]["office_code"]));

        // Line 4 has text after a closing quote: refused as a row, and reading resumes on line 5.
        Assert.StartsWith("declaration_amount.csv line 4: malformed CSV", rows[2].SourceError, StringComparison.Ordinal);
        Assert.EndsWith("; reading resumed on the next line", rows[2].SourceError, StringComparison.Ordinal);
        Assert.Equal("row", rows[2].SourceErrorField);
        Assert.Equal(("DA4", null, "ord"), (rows[3]["declaration_id"], rows[3]["customs_duty"], rows[3]["office_code"]));
    }

    [Fact]
    public void The_normaliser_quarantines_a_refused_line_with_its_file_row_key_and_field_and_loads_the_good_ones()
    {
        WriteBoth();
        var normaliser = new RecordNormaliser(Sources.Offices, new LocalTimeResolver(DstPolicy.Default),
            new Dictionary<string, double> { ["USD"] = 1.0, ["EUR"] = 1.25 });

        List<NormaliseResult> results = Read(RegisterList.DeclarationAmount).Select(normaliser.Normalise).ToList();

        // DA1: 1000 EUR × 1.25 = 1250 USD; 80 EUR × 1.25 = 100 USD.
        RecordRow da1 = results[0].Record!;
        Assert.Equal((1250.0, 100.0, true, new LocalDate(2025, 3, 2)), (da1["statistical_value_usd"], da1["customs_duty_usd"], da1["aeo_involved"], da1.BusinessDate));

        QuarantineEntry short3 = results[1].Quarantine!;
        string file = _folder.File("registers/declaration_amount.csv");
        Assert.Equal(
            $"{file}: row 3 (DA2): statistical_value: declaration_amount.csv line 3: statistical_value: 5 fields where the header has 8 (no value for statistical_value, customs_duty, currency)",
            short3.ToString());
        // A misaligned line keeps only its key: its date cell may hold another column's value.
        Assert.Equal(("declaration_amount", "statistical_value", null), (short3.RecordType, short3.Field, short3.BusinessDateRaw));
        Assert.Equal("row", results[2].Quarantine!.Field);

        // DA4: office and codes are canonicalised; 2000.5 USD × 1.0; no duty given, so no duty in USD.
        RecordRow da4 = results[3].Record!;
        Assert.Equal(("ORD", "EXPORT", false, 2000.5, null), (da4["office_code"], da4["direction"], da4["aeo_involved"], da4["statistical_value_usd"], da4["customs_duty_usd"]));
    }

    [Fact]
    public void An_undated_register_file_is_read_whole_with_its_header_matched_ignoring_case_and_blanks()
    {
        WriteBoth();

        List<RawRecord> rows = Read(RegisterList.Staff);

        Assert.Equal(["S1", "S2"], rows.Select(r => r["staff_id"]));
        Assert.All(rows, r => Assert.Null(r.SourceError));
        // The fields come in the register's order, whatever the file's column order.
        Assert.Equal(["staff_id", "gender", "grade", "frontline_inspection", "employment_start"], rows[1].Fields().Keys);
        // The header is the mapping: a field without a column is absent.
        RecordMapping mapping = Source().Describe(RecordTypes.Staff);
        Assert.Equal(FieldPresence.Given, mapping.Presence("employment_start"));
        Assert.Equal(FieldPresence.Absent, mapping.Presence("employment_end"));
        Assert.Equal(("male", "yes"), (rows[1]["gender"], rows[1]["frontline_inspection"]));
    }

    [Fact]
    public void A_header_that_does_not_fit_its_register_stops_the_read_before_any_row_naming_the_file_and_the_columns()
    {
        string file = _folder.Write("registers/staff.csv", Lines("staff_id,sex,grade,employment_start,uniformed,uniformed,has_gap", "S1,F,SENIOR,2001-05-01,1,1,0"));

        using IEnumerator<RawRecord> rows = Source().Read(RegisterList.Staff, ExtractWindow.Everything, CancellationToken.None).GetEnumerator();
        var e = Assert.Throws<SourceConfigurationException>(() => rows.MoveNext());

        Assert.Equal(
            $"source.csv.registers: the header of {file} does not fit the staff register: "
            + "column 2 is not a field of staff; 'uniformed' appears twice; column 7 is not a field of staff "
            + "(its fields: staff_id, gender, grade, position_title, uniformed, frontline_inspection, employment_start, employment_end)",
            e.Message);
    }

    [Fact]
    public void A_derived_field_in_a_header_is_refused()
    {
        string file = _folder.Write("registers/competency_assessment.csv", Lines(
            "staff_id,competency_id,assessed_on,required_level,acquired_level,has_gap", "S1,C1,2025-01-10,3,2,1"));

        var e = Assert.Throws<SourceConfigurationException>(() => Read(RegisterList.CompetencyAssessment));

        Assert.Equal(
            $"source.csv.registers: the header of {file} does not fit the competency_assessment register: 'has_gap' is derived (the normaliser computes it), not read "
            + "(its fields: staff_id, competency_id, assessed_on, required_level, acquired_level, scale_levels)",
            e.Message);
    }

    [Fact]
    public void A_file_that_names_no_register_is_an_error_and_so_is_a_missing_folder()
    {
        WriteBoth();
        _folder.Write("registers/seizures.csv", Lines("seizure_id"));

        var e = Assert.Throws<SourceConfigurationException>(() => Source().Available);

        Assert.StartsWith($"source.csv.registers: seizures.csv in {_folder.File("registers")} names no register (a register's file is <register>.csv: declaration_amount, aeo_authorisation, inspection, ",
            e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<SourceConfigurationException>(() => Source("nowhere").Available);
        Assert.Equal($"source.csv.registers: {_folder.File("nowhere")} is not a folder", missing.Message);
    }

    [Fact]
    public void An_empty_register_file_has_no_records()
    {
        _folder.Write("registers/service.csv", "");

        Assert.Equal(["service"], Source().Available.Where(r => r.Name != "declaration").Select(r => r.Name));
        Assert.Empty(Read(RegisterList.Service));
    }
}
