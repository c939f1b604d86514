namespace PmmEtl.EndToEnd.Tests;

/// <summary>
/// A national declaration export as CSV: ';'-separated, day-first local times, national codes mapped to the
/// catalogue's (IM/EX, 10–40 for the modes, G/Y/R channels, J for an AEO), and the pipeline that reads it.
/// </summary>
internal static class NationalCsvExport
{
    public const string Header = "DECL_NO;TYPE;OFFICE;REG_DATE;MODE;CHANNEL;AEO;PRE;SUB;ARRIVAL;LODGED;PERMIT;INSP_START;INSP_END;RELEASED";

    /// <param name="files">The files' pattern below the export folder <c>exports</c>.</param>
    public static string PipelineYaml(string name, string files, string kpis) => $$"""
        name: {{name}}
        source:
          kind: csv
          path: exports
          csv:
            files: "{{files}}"
            delimiter: ";"
            time_format: "dd/MM/uuuu HH:mm"
            date_format: "dd/MM/uuuu"
            columns:
              declaration_id: DECL_NO
              declaration_type: { column: TYPE, map: { IM: IMPORT, EX: EXPORT } }
              office_code: OFFICE
              business_date: REG_DATE
              mode_of_transport: { column: MODE, map: { "10": SEA, "20": RAIL, "30": LAND, "40": AIR } }
              control_channel: { column: CHANNEL, map: { G: GREEN, Y: YELLOW, R: RED } }
              aeo: { column: AEO, map: { J: "1" }, default: "0" }
              pre_arrival: PRE
              ecommerce: { constant: "0" }
              submission_channel: { column: SUB, map: { EDI: EDI, WEB: WEB, SW: SINGLE_WINDOW, MAIL: EMAIL } }
              arrival_local: ARRIVAL
              lodged_local: LODGED
              oga_permit_local: PERMIT
              inspection_start_local: INSP_START
              inspection_end_local: INSP_END
              released_local: RELEASED
        """ + FixtureSource.PipelineTail(kpis);
}
