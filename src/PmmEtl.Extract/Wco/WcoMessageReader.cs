using System.Xml;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// Streams one XML file and hands out its declaration messages (<c>Declaration</c> elements outside any
/// <c>Response</c>) or its notifications (<c>Response</c> elements), whatever envelope, namespace or prefix they
/// come in: elements are matched by local name. Of each element only the watched paths' texts are kept (local names
/// joined by '/', relative to the element), so a message with thousands of goods items costs no more memory than its
/// few mapped values. A malformed or truncated file stops its reading with the reason and line; the elements read
/// before the fault stand.
/// </summary>
public sealed class WcoMessageReader : IDisposable
{
    /// <summary>A path repeated more often than this (goods items) keeps its first occurrences only.</summary>
    public const int MaxOccurrences = 64;

    private static readonly XmlReaderSettings Settings = new()
    {
        // No DTDs: an entity expansion bomb or an external entity in a message must not reach anything.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly XmlReader _reader;
    private readonly bool _notifications;
    private readonly IReadOnlySet<string> _paths;
    private bool _done;

    public WcoMessageReader(string file, bool notifications, IReadOnlySet<string> paths)
    {
        _notifications = notifications;
        _paths = paths;
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _reader = XmlReader.Create(stream, Settings);
    }

    /// <summary>The values of the element being read when the file failed (the LRN of a truncated declaration).</summary>
    public Dictionary<string, List<WcoValue>>? Partial { get; private set; }

    /// <summary>Why the file could not be read to its end, if it could not.</summary>
    public string? Error { get; private set; }

    /// <summary>The line of the fault.</summary>
    public long ErrorLine { get; private set; }

    /// <summary>The next wanted element; false at the end of the file or at a fault (then <see cref="Error"/> says why).</summary>
    public bool TryNext(out WcoElement? element)
    {
        element = null;
        if (_done)
        {
            return false;
        }

        try
        {
            while (!_reader.EOF)
            {
                if (_reader.NodeType == XmlNodeType.Element && _reader.LocalName is "Response" or "Declaration")
                {
                    if ((_reader.LocalName == "Response") != _notifications)
                    {
                        _reader.Skip();
                        continue;
                    }

                    long line = ((IXmlLineInfo)_reader).LineNumber;
                    Partial = new Dictionary<string, List<WcoValue>>(StringComparer.Ordinal);
                    using (XmlReader subtree = _reader.ReadSubtree())
                    {
                        Collect(subtree, Partial);
                    }

                    _reader.Read();
                    element = new WcoElement(line, Partial);
                    Partial = null;
                    return true;
                }

                _reader.Read();
            }
        }
        catch (XmlException e)
        {
            Error = $"malformed XML: {e.Message}";
            // A fault before the first node (a prohibited DTD) has no position yet: it is on the first lines.
            ErrorLine = Math.Max(1, e.LineNumber > 0 ? e.LineNumber : ((IXmlLineInfo)_reader).LineNumber);
        }

        _done = true;
        return false;
    }

    private void Collect(XmlReader subtree, Dictionary<string, List<WcoValue>> values)
    {
        // The path of each open element below the root, and the formatCode of an open DateTimeString.
        var paths = new Stack<string>();
        string? formatCode = null;
        subtree.Read(); // the root element itself
        while (subtree.Read())
        {
            switch (subtree.NodeType)
            {
                case XmlNodeType.Element:
                    string path = paths.Count == 0 ? subtree.LocalName : paths.Peek() + "/" + subtree.LocalName;
                    formatCode = subtree.LocalName == "DateTimeString" ? subtree.GetAttribute("formatCode") : null;
                    if (!subtree.IsEmptyElement)
                    {
                        paths.Push(path);
                    }

                    break;
                case XmlNodeType.EndElement:
                    paths.TryPop(out _);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA when paths.Count > 0:
                    string current = paths.Peek();
                    Keep(values, current, new WcoValue(subtree.Value, formatCode));
                    // A time is found by its element (IssueDateTime) as well as by its DateTimeString child.
                    if (current.EndsWith("/DateTimeString", StringComparison.Ordinal))
                    {
                        Keep(values, current[..^"/DateTimeString".Length], new WcoValue(subtree.Value, formatCode));
                    }

                    break;
            }
        }
    }

    private void Keep(Dictionary<string, List<WcoValue>> values, string path, WcoValue value)
    {
        if (!_paths.Contains(path))
        {
            return;
        }

        if (!values.TryGetValue(path, out List<WcoValue>? list))
        {
            values[path] = list = [];
        }

        if (list.Count < MaxOccurrences)
        {
            list.Add(value);
        }
    }

    public void Dispose() => _reader.Dispose();
}
