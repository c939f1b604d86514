using System.Text;
using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Wco;
using PmmEtl.Testing;

namespace PmmEtl.Extract.Tests;

/// <summary>
/// The reading limits of WCO DM message files (issue 15, finding 6): a message nested deeper than max_depth, one
/// with more elements than max_elements, a file over max_file_bytes are refused naming the file, the line and the
/// limit, and memory stays flat in depth. Memory is measured as the bytes the reading thread allocated.
/// </summary>
public sealed class WcoLimitsTests : IDisposable
{
    private const int Depth = 30_000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private (List<TestDeclaration> Rows, SourceCounts Counts, long Allocated) Read(Func<WcoXmlSourceSettings, WcoXmlSourceSettings> adjust)
    {
        var source = (WcoXmlRecordSource)RecordSources.Create(Sources.Wco(adjust(new WcoXmlSourceSettings { Path = _folder.Path })), "test");
        long before = GC.GetAllocatedBytesForCurrentThread();
        List<TestDeclaration> rows = source.Read(RecordTypes.Declaration, ExtractWindow.Everything, CancellationToken.None).Select(TestDeclaration.From).ToList();
        return (rows, source.Counts, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Line 1 the XML declaration, 2 MetaData (depth 1), 3 Declaration (depth 2), 4 its LRN, then one nested
    /// element per line: the k-th, on line 4 + k, is at depth 2 + k. 30,000 of them are about 450 KB, as in the review.
    /// </summary>
    private void WriteDeepMessage(string name)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<MetaData>\n<Declaration>\n<FunctionalReferenceID>DEEP</FunctionalReferenceID>\n");
        for (int k = 0; k < Depth; k++)
        {
            xml.Append("<GoodsItem>\n");
        }

        for (int k = 0; k < Depth; k++)
        {
            xml.Append("</GoodsItem>");
        }

        _folder.Write(name, xml.Append("\n</Declaration>\n</MetaData>\n").ToString());
    }

    [Fact]
    public void A_message_nested_deeper_than_max_depth_is_refused_at_the_line_that_crosses_it_with_little_memory()
    {
        WriteDeepMessage("d/deep.xml");
        _folder.Write("d/ok.xml", WcoMessages.Declaration("L-OK"));
        _folder.Write("n/n.xml", WcoMessages.Notifications(
            new("01", "20250110140000Z", "M-OK", "L-OK"), new("08", "20250110153000Z", "M-OK"),
            new("01", "20250110140000Z", "M-DEEP", "DEEP")));

        (List<TestDeclaration> rows, SourceCounts counts, long allocated) = Read(s => s with { DeclarationFiles = "d/*.xml", NotificationFiles = "n/*.xml" });

        // The 63rd nested element, on line 67, is at depth 65: the first beyond the default max_depth of 64.
        Assert.Equal(2, rows.Count);
        Assert.Equal((_folder.File("d/deep.xml"), 67L, "M-DEEP", "message"), (rows[0].SourceName, rows[0].RowNumber, rows[0].DeclarationId, rows[0].SourceErrorField));
        Assert.Equal("deep.xml line 67: an element nested deeper than max_depth (64): the rest of the file was not read", rows[0].SourceError);
        Assert.Equal(("M-OK", null), (rows[1].DeclarationId, rows[1].SourceError));
        Assert.Equal(1L, counts[WcoCounts.Quarantined + WcoCounts.TooDeep]);
        // Reading stops at the limit: the whole read allocates a few hundred KB (reading the full depth with a path
        // string per element took 1.97 GB).
        Assert.True(allocated < 4 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Memory_stays_flat_in_depth_when_the_limit_lets_a_deep_message_through()
    {
        WriteDeepMessage("deep.xml");
        _folder.Write("n.xml", WcoMessages.Notifications(new("01", "20250110140000Z", "M-DEEP", "DEEP"), new("08", "20250110153000Z", "M-DEEP")));

        (List<TestDeclaration> rows, _, long allocated) = Read(s => s with { DeclarationFiles = "deep.xml", NotificationFiles = "n.xml", MaxDepth = 1_000_000 });

        // The message is read to its end and joined with its notifications (it has no mapped fields, so it is not
        // complete, but it is a declaration, not a fault).
        TestDeclaration r = Assert.Single(rows);
        Assert.Equal(("M-DEEP", "2025-01-10T15:30:00Z"), (r.DeclarationId, r.ReleasedLocal));
        Assert.DoesNotContain("malformed", r.SourceError ?? "", StringComparison.Ordinal);
        // A small constant per open element (the parser's node and one stack entry): about 6 MB for 30,000 levels,
        // where one path string per element grows with the square of the depth (about 1.8 GB here).
        Assert.True(allocated < 32 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_message_with_more_elements_than_max_elements_is_refused_and_the_next_message_of_the_file_loads()
    {
        // Line 1 the XML declaration, 2 Batch, 3 Declaration (element 1), 4 its LRN (element 2), then one goods item
        // per line: the k-th, on line 4 + k, is element 2 + k, so the 101st element is on line 103.
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<Batch>\n<Declaration>\n<FunctionalReferenceID>BIG</FunctionalReferenceID>\n");
        for (int k = 1; k <= 500; k++)
        {
            xml.Append("<GoodsItem>").Append(k).Append("</GoodsItem>\n");
        }

        xml.Append("</Declaration>\n<Declaration><FunctionalReferenceID>L-OK</FunctionalReferenceID></Declaration>\n");
        _folder.Write("d.xml", xml.Append("</Batch>\n").ToString());

        // A notification with 150 elements names its declaration before the limit: the declaration is refused with it.
        string big = WcoMessages.Notifications(new WcoResponse("01", "20250110140000Z", "M-BIG", "BIG"))
            .Replace("</res:Response>", string.Concat(Enumerable.Repeat("<res:AdditionalInformation/>", 150)) + "</res:Response>", StringComparison.Ordinal);
        _folder.Write("n1.xml", big);
        _folder.Write("n2.xml", WcoMessages.Notifications(new("01", "20250110140000Z", "M-OK", "L-OK"), new("08", "20250110153000Z", "M-OK")));

        (List<TestDeclaration> rows, SourceCounts counts, _) = Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n?.xml", MaxElements = 100 });

        Assert.Equal(2, rows.Count);
        Assert.Equal((3L, "M-BIG", "message"), (rows[0].RowNumber, rows[0].DeclarationId, rows[0].SourceErrorField));
        Assert.Equal("d.xml line 3: a message with more than max_elements (100) elements (the next one is on line 103): the message was refused unread", rows[0].SourceError);
        Assert.Equal(("M-OK", null), (rows[1].DeclarationId, rows[1].SourceError));
        Assert.Equal(1L, counts[WcoCounts.Quarantined + WcoCounts.TooManyElements]);

        // Declared once more, small: now it is the notification over the limit that refuses it.
        _folder.Write("d.xml", WcoMessages.Declaration("BIG"));
        _folder.Write("n2.xml", WcoMessages.Notifications());
        (rows, counts, _) = Read(s => s with { DeclarationFiles = "d.xml", NotificationFiles = "n?.xml", MaxElements = 100 });
        TestDeclaration refused = Assert.Single(rows);
        Assert.Contains("notification: n1.xml line 5: a notification with more than max_elements (100) elements", refused.SourceError, StringComparison.Ordinal);
        Assert.Equal(1L, counts[WcoCounts.Quarantined + WcoCounts.NotificationTooManyElements]);
    }

    [Fact]
    public void A_file_larger_than_max_file_bytes_is_refused_unread()
    {
        _folder.Write("big.xml", WcoMessages.Declaration("L-BIG") + new string(' ', 4096));
        _folder.Write("ok.xml", WcoMessages.Declaration("L-OK"));
        _folder.Write("n.res", WcoMessages.Notifications(new("01", "20250110140000Z", "M-OK", "L-OK"), new("08", "20250110153000Z", "M-OK")));
        long size = new FileInfo(_folder.File("big.xml")).Length;

        (List<TestDeclaration> rows, SourceCounts counts, _) = Read(s => s with { NotificationFiles = "*.res", MaxFileBytes = 4096 });

        Assert.Equal(2, rows.Count);
        Assert.Equal((_folder.File("big.xml"), 1L, null), (rows[0].SourceName, rows[0].RowNumber, rows[0].DeclarationId));
        Assert.Equal($"big.xml line 1: the file is {size} bytes, more than max_file_bytes (4096): not read", rows[0].SourceError);
        Assert.Equal(("M-OK", null), (rows[1].DeclarationId, rows[1].SourceError));
        Assert.Equal(1L, counts[WcoCounts.Quarantined + WcoCounts.FileTooLarge]);
    }
}
