using NodaTime;
using PmmEtl.Core.Records;
using PmmEtl.Extract.Wco;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

public sealed class WcoXmlSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private List<TestDeclaration> Read(Func<WcoXmlSourceSettings, WcoXmlSourceSettings>? adjust = null)
    {
        var settings = new WcoXmlSourceSettings { Path = _folder.Path };
        return Sources.Read(Sources.Wco(adjust is null ? settings : adjust(settings)));
    }

    private static WcoResponse Accepted(string time, string mrn, string? lrn = null) => new("01", time, mrn, lrn);

    [Fact]
    public void A_declaration_and_its_notifications_become_one_raw_declaration_with_identity_codes_and_milestones()
    {
        _folder.Write("0001_DEC.xml", WcoMessages.Declaration("LRN-1", aeo: true, arrival: "20250110130000Z"));
        _folder.Write("0001_RES.xml", WcoMessages.Notifications(
            new("02", "20250110135500Z", "25GBMRN1", "LRN-1"),
            Accepted("20250110140000Z", "25GBMRN1"),
            new("08", "20250110153000Z", "25GBMRN1"),
            new("09", "20250110160000Z", "25GBMRN1"),
            new("07", "20250110170000Z", "25GBMRN1")));

        TestDeclaration r = Assert.Single(Read());

        Assert.Null(r.SourceError);
        // No e-commerce flag: WCO DM declarations carry none, and nothing is invented for it.
        Assert.Equal(("25GBMRN1", "IMPORT", "NYC", "SEA", "GREEN", "1", (string?)null, "EDI", "GB-IMPORTER-LRN-1"),
            (r.DeclarationId, r.DeclarationType, r.OfficeCode, r.ModeOfTransport, r.ControlChannel, r.Aeo, r.Ecommerce, r.SubmissionChannel, r.TraderId));
        // Lodged at receipt (13:55), the earlier of receipt and acceptance; released at 15:30; cleared at 16:00.
        Assert.Equal(("2025-01-10T13:00:00Z", "2025-01-10T13:55:00Z", "2025-01-10T15:30:00Z", "2025-01-10T16:00:00Z"),
            (r.ArrivalLocal, r.LodgedLocal, r.ReleasedLocal, r.ClearedLocal));
        Assert.Equal((_folder.File("0001_DEC.xml"), 5L), (r.SourceName, r.RowNumber));
        Assert.Null(r.BusinessDate);

        DeclarationView n = Sources.Loaded(r);
        Assert.Equal(150, n.ArrivalToRelease!.Value.TotalMinutes);
        Assert.Equal(new LocalDate(2025, 1, 10), n.BusinessDate);
    }

    [Fact]
    public void Control_documents_clearance_and_exit_notifications_set_the_channel_and_the_milestones()
    {
        _folder.Write("a_DEC.xml", WcoMessages.Declaration("L-RED"));
        _folder.Write("b_DEC.xml", WcoMessages.Declaration("L-YELLOW"));
        _folder.Write("c_DEC.xml", WcoMessages.Declaration("L-EXPORT", type: "EXA", mode: "4", arrival: null, officeElement: "ExitOffice"));
        _folder.Write("z_RES.xml", WcoMessages.Notifications(
            new("01", "20250110140000Z", "M-RED", "L-RED"),
            new("05", "20250110143000Z", "M-RED"),
            new("08", "20250110180000Z", "M-RED"),
            new("01", "20250110140000Z", "M-YELLOW", "L-YELLOW"),
            new("06", "20250110141000Z", "M-YELLOW"),
            new("09", "20250110150000Z", "M-YELLOW"),
            new("01", "20250401120000Z", "M-EXPORT", "L-EXPORT"),
            new("08", "20250401130000Z", "M-EXPORT"),
            new("16", "20250402130000Z", "M-EXPORT")));

        List<TestDeclaration> rows = Read();

        Assert.All(rows, r => Assert.Null(r.SourceError));
        Assert.Equal(("RED", "2025-01-10T14:30:00Z"), (rows[0].ControlChannel, rows[0].InspectionStartLocal));
        // Cleared without a release notification: the clearance released the goods.
        Assert.Equal(("YELLOW", "2025-01-10T15:00:00Z", "2025-01-10T15:00:00Z"), (rows[1].ControlChannel, rows[1].ReleasedLocal, rows[1].ClearedLocal));
        Assert.Equal(("EXPORT", "AIR", "NYC", "2025-04-02T13:00:00Z"), (rows[2].DeclarationType, rows[2].ModeOfTransport, rows[2].OfficeCode, rows[2].LoadedLocal));
        Assert.Equal(1500, Sources.Loaded(rows[2]).LodgementToLoading!.Value.TotalMinutes);
    }

    [Fact]
    public void Format_304_times_keep_their_offsets_and_a_204_time_is_a_local_time_of_the_office()
    {
        _folder.Write("d.xml", WcoMessages.Declaration("L1", arrival: "20250110080000-05"));
        _folder.Write("n.xml", WcoMessages.Notifications(
            Accepted("20250110100000+0100", "M1", "L1"),
            new("08", "20250110103000-0500", "M1")));

        TestDeclaration r = Assert.Single(Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n.xml" }));

        Assert.Equal(("2025-01-10T08:00:00-05:00", "2025-01-10T10:00:00+01:00", "2025-01-10T10:30:00-05:00"), (r.ArrivalLocal, r.LodgedLocal, r.ReleasedLocal));
        Assert.Equal(150, Sources.Loaded(r).ArrivalToRelease!.Value.TotalMinutes);

        _folder.Write("d.xml", WcoMessages.Declaration("L1", arrival: "20250110080000").Replace("formatCode=\"304\"", "formatCode=\"204\"", StringComparison.Ordinal));
        TestDeclaration local = Assert.Single(Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n.xml" }));
        Assert.Equal("2025-01-10 08:00:00", local.ArrivalLocal);
        Assert.Equal(Instant.FromUtc(2025, 1, 10, 13, 0), Sources.Loaded(local).ArrivalAt); // 08:00 in New York (EST)
    }

    [Fact]
    public void Notifications_that_name_only_the_lrn_before_the_mrn_is_known_are_joined_to_the_same_declaration()
    {
        _folder.Write("1_RES.xml", WcoMessages.Notifications(new WcoResponse("02", "20250110135500Z", null, "L1")));
        _folder.Write("2_RES.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1"), new("08", "20250110153000Z", "M1")));
        _folder.Write("3_DEC.xml", WcoMessages.Declaration("L1"));

        TestDeclaration r = Assert.Single(Read());

        Assert.Equal(("M1", "2025-01-10T13:55:00Z", null), (r.DeclarationId, r.LodgedLocal, r.SourceError));
    }

    [Fact]
    public void The_identity_can_be_the_lrn()
    {
        _folder.Write("d.xml", WcoMessages.Declaration("L1"));
        _folder.Write("n.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1"), new("08", "20250110153000Z", "M1")));

        Assert.Equal("L1", Assert.Single(Read(s => s with { Identity = WcoIdentity.Lrn })).DeclarationId);
    }

    [Fact]
    public void A_rejected_or_invalidated_declaration_is_refused_but_a_rejected_amendment_is_not()
    {
        _folder.Write("1.xml", WcoMessages.Declaration("L-REJ"));
        _folder.Write("2.xml", WcoMessages.Declaration("L-INV"));
        _folder.Write("3.xml", WcoMessages.Declaration("L-AMEND"));
        _folder.Write("n.xml", WcoMessages.Notifications(
            new("02", "20250110135500Z", "M-REJ", "L-REJ"),
            new("03", "20250110140000Z", "M-REJ"),
            Accepted("20250110140000Z", "M-INV", "L-INV"),
            new("10", "20250110150000Z", "M-INV"),
            Accepted("20250110140000Z", "M-AMEND", "L-AMEND"),
            new("03", "20250110141000Z", "M-AMEND"),
            new("08", "20250110153000Z", "M-AMEND")));

        List<TestDeclaration> rows = Read(s => s with { DeclarationFiles = "?.xml", NotificationFiles = "n.xml" });

        Assert.Equal(["M-REJ", "M-INV", "M-AMEND"], rows.Select(r => r.DeclarationId));
        Assert.Equal("1.xml line 5: notification: rejected by customs at 2025-01-10T14:00:00Z and never accepted: a rejected declaration is not a clearance", rows[0].SourceError);
        Assert.Equal("notification", rows[0].SourceErrorField);
        Assert.Contains("invalidated by customs at 2025-01-10T15:00:00Z: an invalidated declaration is not a valid clearance", rows[1].SourceError, StringComparison.Ordinal);
        Assert.Null(rows[2].SourceError);

        QuarantineEntry q = Sources.Normalise(rows[0]).Quarantine!;
        Assert.Equal(("M-REJ", "notification"), (q.SourceKey, q.Field));
    }

    [Fact]
    public void An_unknown_function_code_or_an_unreadable_time_refuses_the_declaration_with_the_notification_s_file_and_line()
    {
        _folder.Write("1.xml", WcoMessages.Declaration("L1"));
        _folder.Write("2.xml", WcoMessages.Declaration("L2"));
        _folder.Write("n.xml", WcoMessages.Notifications(
            Accepted("20250110140000Z", "M1", "L1"),
            new("99", "20250110150000Z", "M1"),
            Accepted("20250110140000Z", "M2", "L2"),
            new("08", "20250110", "M2", Format: "102")));

        List<TestDeclaration> rows = Read(s => s with { DeclarationFiles = "?.xml", NotificationFiles = "n.xml" });

        Assert.Equal("1.xml line 5: notification: n.xml line 11: unknown notification function code '99' (map it in source.wco.function_codes)", rows[0].SourceError);
        Assert.Contains("n.xml line 23: IssueDateTime of function code 08: '20250110' (formatCode 102) is not a time with an offset", rows[1].SourceError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declaration_no_notification_names_and_notifications_whose_declaration_is_missing_are_both_refused()
    {
        _folder.Write("d.xml", WcoMessages.Declaration("L-ALONE"));
        _folder.Write("n.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M-ORPHAN", "L-ORPHAN"), new("02", "20250110140000Z", null, null)));

        List<TestDeclaration> rows = Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n.xml" });

        Assert.Equal(3, rows.Count);
        // First what the notification pass refused, then the declarations, then the orphans.
        Assert.Equal((_folder.File("n.xml"), 11L, "notification"), (rows[0].SourceName, rows[0].RowNumber, rows[0].SourceErrorField));
        Assert.Equal("n.xml line 11: a notification (function code 02) that names no declaration (no Declaration/ID nor Declaration/FunctionalReferenceID)", rows[0].SourceError);
        Assert.Equal("d.xml line 5: notification: no notification names this declaration (LRN L-ALONE): it was never received, accepted or released", rows[1].SourceError);
        Assert.Equal((_folder.File("n.xml"), 5L, "M-ORPHAN"), (rows[2].SourceName, rows[2].RowNumber, rows[2].DeclarationId));
        Assert.Equal("n.xml line 5: notifications for MRN M-ORPHAN (LRN L-ORPHAN) but no declaration message for it among the source files", rows[2].SourceError);
    }

    [Fact]
    public void A_truncated_declaration_message_is_refused_once_with_its_file_line_and_id_and_the_other_messages_load()
    {
        string full = WcoMessages.Declaration("L-CUT");
        _folder.Write("1_DEC.xml", full[..full.IndexOf("<dec:GoodsShipment>", StringComparison.Ordinal)]);
        _folder.Write("2_DEC.xml", WcoMessages.Declaration("L-OK"));
        _folder.Write("3_DEC.xml", "<not xml");
        _folder.Write("n.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M-OK", "L-OK"), new("08", "20250110153000Z", "M-OK"),
            Accepted("20250110140000Z", "M-CUT", "L-CUT")));

        List<TestDeclaration> rows = Read(s => s with { DeclarationFiles = "*_DEC.xml", NotificationFiles = "n.xml" });

        // One row per declaration: the cut one is refused as its message, and its notifications are not refused a
        // second time as notifications without a declaration (they were, before).
        Assert.Equal(3, rows.Count);
        Assert.Equal((_folder.File("1_DEC.xml"), "message", "M-CUT"), (rows[0].SourceName, rows[0].SourceErrorField, rows[0].DeclarationId));
        Assert.StartsWith("1_DEC.xml line 14: malformed XML: Unexpected end of file", rows[0].SourceError, StringComparison.Ordinal);
        Assert.Equal(("M-OK", null), (rows[1].DeclarationId, rows[1].SourceError));
        Assert.StartsWith("3_DEC.xml line 1: malformed XML", rows[2].SourceError, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.SourceError?.Contains("M-CUT", StringComparison.Ordinal) == true);

        // Under identity lrn the refused row is named by its LRN, as the loaded ones are.
        Assert.Equal("L-CUT", Read(s => s with { DeclarationFiles = "*_DEC.xml", NotificationFiles = "n.xml", Identity = WcoIdentity.Lrn })[0].DeclarationId);
    }

    [Fact]
    public void A_malformed_notification_file_is_refused_once_whichever_passes_read_it()
    {
        string good = WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1"), new("08", "20250110153000Z", "M1"));
        _folder.Write("a_DEC.xml", WcoMessages.Declaration("L1"));
        _folder.Write("b_RES.xml", good);
        _folder.Write("c_RES.xml", good[..^30]);

        List<TestDeclaration> shared = Read();
        List<TestDeclaration> separate = Read(s => s with { DeclarationFiles = "*_DEC.xml", NotificationFiles = "*_RES.xml" });

        foreach (List<TestDeclaration> rows in new[] { shared, separate })
        {
            Assert.Equal(2, rows.Count);
            Assert.Single(rows, r => r.SourceError is null && r.DeclarationId == "M1");
            TestDeclaration fault = Assert.Single(rows, r => r.SourceError is not null);
            Assert.Equal(_folder.File("c_RES.xml"), fault.SourceName);
            Assert.StartsWith("c_RES.xml line ", fault.SourceError, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_message_with_a_dtd_is_refused_so_no_entity_is_ever_expanded()
    {
        _folder.Write("d.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<Declaration><FunctionalReferenceID>&a;</FunctionalReferenceID></Declaration>");

        TestDeclaration r = Assert.Single(Read());

        Assert.StartsWith("d.xml line 1: malformed XML: For security reasons DTD is prohibited", r.SourceError, StringComparison.Ordinal);
        Assert.Null(r.DeclarationId);
    }

    [Fact]
    public void A_message_with_bytes_invalid_in_its_encoding_is_refused()
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(WcoMessages.Declaration("L1"));
        int at = Array.IndexOf(text, (byte)'L', Array.IndexOf(text, (byte)'F'));
        _folder.WriteBytes("d.xml", [.. text[..at], 0xC3, 0x28, .. text[at..]]);
        _folder.Write("n.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1")));

        List<TestDeclaration> rows = Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n.xml" });

        TestDeclaration fault = Assert.Single(rows, r => r.SourceName == _folder.File("d.xml"));
        Assert.StartsWith("d.xml line ", fault.SourceError, StringComparison.Ordinal);
        Assert.Contains("malformed XML", fault.SourceError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_amendment_request_is_not_a_new_declaration()
    {
        _folder.Write("1.xml", WcoMessages.Declaration("L1"));
        _folder.Write("2.xml", WcoMessages.Declaration("L1", functionCode: "13", mrn: "M1"));
        _folder.Write("n.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1"), new("08", "20250110153000Z", "M1")));

        TestDeclaration r = Assert.Single(Read(s => s with { DeclarationFiles = "?.xml", NotificationFiles = "n.xml" }));

        Assert.Equal(_folder.File("1.xml"), r.SourceName);
    }

    [Fact]
    public void The_function_code_table_and_the_field_mapping_are_the_pipeline_s_to_change()
    {
        _folder.Write("d.xml", WcoMessages.Declaration("L1", office: "GB000434", mode: "3", prefix: "x"));
        _folder.Write("n.xml", WcoMessages.Notifications(new("A", "20250110140000Z", "M1", "L1"), new("R", "20250110153000Z", "M1"), new("Z", "20250110153000Z", "M1")));
        var fields = new Dictionary<string, WcoFieldMapping>(WcoDefaults.Fields)
        {
            [DeclarationFields.OfficeCode] = new() { Paths = ["PresentationOffice/ID"], Map = new Dictionary<string, string> { ["GB000434"] = "ORD" } },
            [DeclarationFields.Ecommerce] = new() { Constant = "1" },
            [DeclarationFields.ControlChannel] = new() { Constant = "NII" },
        };

        TestDeclaration r = Assert.Single(Read(s => s with
        {
            DeclarationFiles = "d.xml",
            NotificationFiles = "n.xml",
            FunctionCodes = new Dictionary<string, WcoEvent> { ["A"] = WcoEvent.Accepted, ["R"] = WcoEvent.Released, ["Z"] = WcoEvent.Ignore },
            Fields = fields,
        }));

        Assert.Null(r.SourceError);
        Assert.Equal(("ORD", "LAND", "1", "NII", "2025-01-10T15:30:00Z"), (r.OfficeCode, r.ModeOfTransport, r.Ecommerce, r.ControlChannel, r.ReleasedLocal));
    }

    [Fact]
    public void Messages_in_any_envelope_and_with_any_prefix_are_found_by_local_name()
    {
        string inner = WcoMessages.Declaration("L1", prefix: "n1")["<?xml version=\"1.0\" encoding=\"UTF-8\"?>".Length..];
        _folder.Write("d.xml", $"<v1:submitDeclarationRequest xmlns:v1=\"http://uk/gov/hmrc/mdg/declarationmanagement/submitdeclaration/request/schema/v1\"><v1:requestDetail>{inner}</v1:requestDetail></v1:submitDeclarationRequest>");
        _folder.Write("n.xml", WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1"), new("08", "20250110153000Z", "M1")));

        TestDeclaration r = Assert.Single(Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n.xml" }));

        Assert.Equal(("M1", "IMPORT", "NYC", null), (r.DeclarationId, r.DeclarationType, r.OfficeCode, r.SourceError));
    }
}
