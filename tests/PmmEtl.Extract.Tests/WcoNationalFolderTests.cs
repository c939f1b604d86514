using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Wco;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

/// <summary>
/// WCO DM message folders in the shape a customs authority publishes them (issue 13): one sub-folder per scenario,
/// some files ending <c>.XML</c>, import messages that name no office, notification times without the formatCode
/// attribute, every UN/ECE Rec. 19 transport mode, declaration types beyond import and export. And the counts the
/// source keeps of what it refused or bent.
/// </summary>
public sealed class WcoNationalFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (List<TestDeclaration> Rows, SourceCounts Counts) Read(Func<WcoXmlSourceSettings, WcoXmlSourceSettings>? adjust = null)
    {
        var settings = new WcoXmlSourceSettings { Path = _folder.Path };
        var source = (WcoXmlRecordSource)RecordSources.Create(Sources.Wco(adjust is null ? settings : adjust(settings)), "test");
        List<TestDeclaration> rows = source.Read(RecordTypes.Declaration, ExtractWindow.Everything, CancellationToken.None).Select(TestDeclaration.From).ToList();
        return (rows, source.Counts);
    }

    private static WcoResponse Accepted(string time, string mrn, string? lrn = null) => new("01", time, mrn, lrn);

    private static string Pair(string id) => WcoMessages.Notifications(Accepted("20250110140000Z", "M-" + id, id), new("08", "20250110160000Z", "M-" + id));

    [Fact]
    public void Sub_folders_are_read_names_match_in_any_case_and_notifications_find_their_declaration_in_another_folder()
    {
        _folder.Write("scenario-a/DEC_A1.XML", WcoMessages.Declaration("A1"));
        _folder.Write("scenario-a/RES_A1.xml", Pair("A1"));
        _folder.Write("scenario-b/2026/DEC_B1.xml", WcoMessages.Declaration("B1"));
        _folder.Write("responses/RES_B1.XML", Pair("B1"));               // the notifications of B1 in another folder
        _folder.Write("scenario-c/DEC_C1.Xml", WcoMessages.Declaration("C1"));
        _folder.Write("RES_C1.xml", Pair("C1"));                         // … and in the top folder
        _folder.Write("notes/readme.txt", "not a message");

        foreach (var (declarations, notifications) in new[] { ("*.xml", "*.xml"), ("DEC_*.xml", "RES_*.xml") })
        {
            (List<TestDeclaration> rows, SourceCounts counts) = Read(s => s with { DeclarationFiles = declarations, NotificationFiles = notifications });

            // Declarations in the ordinal order of their paths below the folder.
            Assert.Equal(["M-A1", "M-B1", "M-C1"], rows.Select(r => r.DeclarationId));
            Assert.All(rows, r => Assert.Null(r.SourceError));
            Assert.Equal(("2025-01-10T14:00:00Z", "2025-01-10T16:00:00Z"), (rows[1].LodgedLocal, rows[1].ReleasedLocal));
            Assert.Equal(_folder.File("scenario-b/2026/DEC_B1.xml"), rows[1].SourceName);
            Assert.Equal((6L, 3L, 6L), (counts[WcoCounts.Files], counts[WcoCounts.DeclarationMessages], counts[WcoCounts.Notifications]));
        }
    }

    [Fact]
    public void A_pattern_with_a_sub_folder_reads_below_that_folder_only()
    {
        _folder.Write("2026/02/DEC_1.xml", WcoMessages.Declaration("D1"));
        _folder.Write("2026/02/RES_1.xml", Pair("D1"));
        _folder.Write("2025/DEC_OLD.xml", WcoMessages.Declaration("OLD"));

        (List<TestDeclaration> rows, _) = Read(s => s with { DeclarationFiles = "2026/DEC_*.xml", NotificationFiles = "2026/RES_*.xml" });

        Assert.Equal("M-D1", Assert.Single(rows).DeclarationId);
    }

    [Fact]
    public void A_file_matched_by_both_patterns_gives_each_message_and_its_fault_once()
    {
        // One file with a declaration and its notifications, and a cut notification file, both in a sub-folder and
        // both matched by the declaration and the notification pattern.
        string both = WcoMessages.Declaration("L1")[..^"</md:MetaData>".Length]
            + WcoMessages.Notifications(Accepted("20250110140000Z", "M1", "L1"), new("08", "20250110160000Z", "M1"))["<?xml version=\"1.0\" encoding=\"UTF-8\"?>".Length..]
            + "</md:MetaData>";
        _folder.Write("day-1/BOTH.XML", both);
        string cut = Pair("L2");
        _folder.Write("day-1/cut.xml", cut[..^40]);
        _folder.Write("day-2/DEC_L2.xml", WcoMessages.Declaration("L2"));

        (List<TestDeclaration> rows, SourceCounts counts) = Read();

        Assert.Equal(3, rows.Count);
        Assert.Equal(("M1", null), (rows[0].DeclarationId, rows[0].SourceError));
        TestDeclaration fault = Assert.Single(rows, r => r.SourceName == _folder.File("day-1/cut.xml"));
        Assert.StartsWith("cut.xml line ", fault.SourceError, StringComparison.Ordinal);
        Assert.Contains("malformed XML", fault.SourceError, StringComparison.Ordinal);
        // L2's acceptance was read before the cut, its release was not: it loads without a release, for the normaliser to judge.
        TestDeclaration l2 = Assert.Single(rows, r => r.DeclarationId == "M-L2");
        Assert.Equal(("2025-01-10T14:00:00Z", null), (l2.LodgedLocal, l2.ReleasedLocal));
        Assert.Equal(1L, counts[WcoCounts.Quarantined + WcoCounts.MalformedFile]);
    }

    [Fact]
    public void A_message_that_names_no_office_takes_the_default_office_and_is_counted()
    {
        _folder.Write("a.xml", WcoMessages.Declaration("NO-OFFICE", office: null));
        _folder.Write("b.xml", WcoMessages.Declaration("OWN-OFFICE", office: "ORD"));
        _folder.Write("n.xml", WcoMessages.Notifications(
            Accepted("20250110140000Z", "M1", "NO-OFFICE"), new("08", "20250110160000Z", "M1"),
            Accepted("20250110140000Z", "M2", "OWN-OFFICE"), new("08", "20250110160000Z", "M2")));

        (List<TestDeclaration> rows, SourceCounts counts) = Read(s => s with { DeclarationFiles = "?.xml", NotificationFiles = "n.xml", DefaultOffice = "NYC" });

        Assert.Equal(("NYC", "ORD"), (rows[0].OfficeCode, rows[1].OfficeCode));
        Assert.Equal(1L, counts[WcoCounts.DefaultOfficeUsed]);
        Assert.Equal("NYC", Sources.Loaded(rows[0]).OfficeCode);

        // Without a default the declaration has no office, and the normaliser refuses it for that.
        (rows, counts) = Read(s => s with { DeclarationFiles = "?.xml", NotificationFiles = "n.xml" });
        Assert.Null(rows[0].OfficeCode);
        Assert.Equal("office_code", Sources.Normalise(rows[0]).Quarantine!.Field);
        Assert.Equal(0L, counts[WcoCounts.DefaultOfficeUsed]);
    }

    [Fact]
    public void Format_304_times_without_the_formatCode_attribute_are_read_as_instants_and_counted_but_a_time_without_a_zone_is_not()
    {
        _folder.Write("1.xml", WcoMessages.Declaration("L1", arrival: "20260219090000Z", arrivalFormat: null));
        _folder.Write("2.xml", WcoMessages.Declaration("L2"));
        _folder.Write("n.xml", WcoMessages.Notifications(
            new("02", "20260219132906Z", "M1", "L1", Format: null),
            new("01", "20260219150000+01", "M1", Format: null),
            new("08", "20260219103000-0500", "M1", Format: null),
            Accepted("20260219100000Z", "M2", "L2"),
            new("08", "20260219120000", "M2", Format: null)));   // fourteen digits and no zone: local or UTC? Refused.

        (List<TestDeclaration> rows, SourceCounts counts) = Read(s => s with { DeclarationFiles = "?.xml", NotificationFiles = "n.xml" });

        // Lodged at the earlier of receipt (13:29:06Z) and acceptance (15:00+01:00 = 14:00Z); released 10:30-05:00 = 15:30Z.
        Assert.Null(rows[0].SourceError);
        Assert.Equal(("2026-02-19T09:00:00Z", "2026-02-19T13:29:06Z", "2026-02-19T10:30:00-05:00"), (rows[0].ArrivalLocal, rows[0].LodgedLocal, rows[0].ReleasedLocal));
        Assert.Equal(390, Sources.Loaded(rows[0]).ArrivalToRelease!.Value.TotalMinutes);
        Assert.Contains("n.xml line 29: IssueDateTime of function code 08: '20260219120000' (formatCode none) is not a time with an offset", rows[1].SourceError, StringComparison.Ordinal);
        Assert.Equal(4L, counts[WcoCounts.TimesWithoutFormatCode]);
        Assert.Equal(1L, counts[WcoCounts.Quarantined + WcoCounts.UnreadableNotificationTime]);
    }

    [Fact]
    public void Every_un_ece_rec_19_mode_maps_to_its_canonical_member_and_a_missing_mode_is_left_to_the_normaliser()
    {
        string[] canonical = ["SEA", "RAIL", "LAND", "AIR", "POSTAL", "MULTIMODAL", "FIXED_INSTALLATION", "INLAND_WATERWAY", "UNKNOWN"];
        var responses = new List<WcoResponse>();
        for (int code = 1; code <= 9; code++)
        {
            _folder.Write($"d{code}.xml", WcoMessages.Declaration($"L{code}", mode: code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            responses.AddRange([Accepted("20250110140000Z", $"M{code}", $"L{code}"), new("08", "20250110160000Z", $"M{code}")]);
        }

        _folder.Write("dx.xml", WcoMessages.Declaration("LX", mode: null));
        responses.AddRange([Accepted("20250110140000Z", "MX", "LX"), new("08", "20250110160000Z", "MX")]);
        _folder.Write("n.xml", WcoMessages.Notifications([.. responses]));

        (List<TestDeclaration> rows, _) = Read(s => s with { DeclarationFiles = "d?.xml", NotificationFiles = "n.xml" });

        Assert.Equal([.. canonical, null], rows.Select(r => r.ModeOfTransport));
        Assert.Equal(canonical, rows.Take(9).Select(r => Sources.Loaded(r).ModeOfTransport));
    }

    [Fact]
    public void Transit_types_are_transit_other_types_are_other_and_a_missing_type_stays_missing()
    {
        string?[] types = ["IMZ", "EXA", "T1", "T2F", "TIR", "COZ", "XX", null];
        var responses = new List<WcoResponse>();
        for (int i = 0; i < types.Length; i++)
        {
            _folder.Write($"d{i}.xml", WcoMessages.Declaration($"L{i}", type: types[i]));
            responses.AddRange([Accepted("20250110140000Z", $"M{i}", $"L{i}"), new("08", "20250110160000Z", $"M{i}")]);
        }

        _folder.Write("n.xml", WcoMessages.Notifications([.. responses]));

        (List<TestDeclaration> rows, _) = Read(s => s with { DeclarationFiles = "d?.xml", NotificationFiles = "n.xml" });

        Assert.Equal(["IMPORT", "EXPORT", "TRANSIT", "TRANSIT", "TRANSIT", "OTHER", "OTHER", null], rows.Select(r => r.DeclarationType));
        // OTHER is a canonical type: the normaliser does not refuse the code (what it asks of an OTHER declaration is its own rule).
        Assert.DoesNotContain("declaration_type", Sources.Normalise(rows[5]).Quarantine?.Reason ?? "", StringComparison.Ordinal);
        Assert.Equal("declaration_type", Sources.Normalise(rows[7]).Quarantine!.Field);
    }

    [Fact]
    public void Every_refused_row_is_counted_once_by_the_kind_of_its_first_reason()
    {
        foreach (string lrn in new[] { "OK", "REJ", "INV", "UNK", "ALONE", "NOID" })
        {
            _folder.Write($"dec/{lrn}.xml", lrn == "NOID" ? WcoMessages.Declaration("").Replace("<dec:FunctionalReferenceID></dec:FunctionalReferenceID>", "", StringComparison.Ordinal) : WcoMessages.Declaration(lrn));
        }

        string cut = WcoMessages.Declaration("CUT");
        _folder.Write("dec/CUT.xml", cut[..cut.IndexOf("<dec:GoodsShipment>", StringComparison.Ordinal)]);
        _folder.Write("dec/AMEND.xml", WcoMessages.Declaration("OK", functionCode: "13", mrn: "M-OK"));
        _folder.Write("res/n.xml", WcoMessages.Notifications(
            Accepted("20250110140000Z", "M-OK", "OK"), new("08", "20250110160000Z", "M-OK"),
            new("02", "20250110140000Z", "M-REJ", "REJ"), new("03", "20250110140500Z", "M-REJ"),
            Accepted("20250110140000Z", "M-INV", "INV"), new("10", "20250110150000Z", "M-INV"),
            Accepted("20250110140000Z", "M-UNK", "UNK"), new("99", "20250110150000Z", "M-UNK"),
            Accepted("20250110140000Z", "M-CUT", "CUT"),
            Accepted("20250110140000Z", "M-GONE", "GONE"),
            new("08", "20250110140000Z", null, null)));

        (List<TestDeclaration> rows, SourceCounts counts) = Read(s => s with { DeclarationFiles = "dec/*.xml", NotificationFiles = "res/*.xml" });

        Dictionary<string, long> quarantined = counts.Snapshot()
            .Where(c => c.Key.StartsWith(WcoCounts.Quarantined, StringComparison.Ordinal))
            .ToDictionary(c => c.Key[WcoCounts.Quarantined.Length..], c => c.Value);
        Assert.Equal(new Dictionary<string, long>
        {
            [WcoCounts.NotificationNamesNoDeclaration] = 1,   // the last notification
            [WcoCounts.NeverNotified] = 1,                    // ALONE
            [WcoCounts.Invalidated] = 1,                      // INV
            [WcoCounts.MalformedFile] = 1,                    // CUT, once: its acceptance is claimed by it
            [WcoCounts.NoDeclarationId] = 1,                  // NOID (and never notified: the first reason counts)
            [WcoCounts.Rejected] = 1,                         // REJ
            [WcoCounts.UnknownFunctionCode] = 1,              // UNK
            [WcoCounts.NoDeclarationMessage] = 1,             // GONE
        }, quarantined);
        Assert.Equal(rows.Count(r => r.SourceError is not null), quarantined.Values.Sum());
        Assert.Equal("M-OK", Assert.Single(rows, r => r.SourceError is null).DeclarationId);
        Assert.Equal((1L, 6L), (counts[WcoCounts.NotNewDeclarations], counts[WcoCounts.DeclarationMessages]));
    }
}
