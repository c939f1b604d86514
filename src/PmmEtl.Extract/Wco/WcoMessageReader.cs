using System.Xml;

namespace PmmEtl.Extract.Wco;

/// <summary>The limits a message file is read under (<c>source.wco.max_depth</c>, <c>max_elements</c>, <c>max_file_bytes</c>).</summary>
public readonly record struct WcoReadLimits(int MaxDepth, int MaxElements, long MaxFileBytes)
{
    public static WcoReadLimits Of(WcoXmlSourceSettings settings) => new(settings.MaxDepth, settings.MaxElements, settings.MaxFileBytes);
}

/// <summary>Why a file could not be read to its end.</summary>
public enum WcoFileFault
{
    None,
    Malformed,
    TooDeep,
    TooLarge,
}

/// <summary>
/// Streams one XML file and hands out its declaration messages (<c>Declaration</c> elements outside any
/// <c>Response</c>) or its notifications (<c>Response</c> elements), whatever envelope, namespace or prefix they
/// come in: elements are matched by local name. Of each element only the watched paths' texts are kept (local names
/// joined by '/', relative to the element), so a message with thousands of goods items costs no more memory than its
/// few mapped values. Paths are matched one element at a time through a <see cref="WcoPathTrie"/>, with a stack of
/// one small entry per open element, so memory does not grow with the square of the depth as it would with a path
/// string per element. A malformed or truncated file, an element deeper than <c>max_depth</c>, a file over
/// <c>max_file_bytes</c> stop its reading with the reason and line; the elements read before the fault stand. A
/// message over <c>max_elements</c> is handed out refused, and reading goes on after it.
/// </summary>
public sealed class WcoMessageReader : IDisposable
{
    /// <summary>A path repeated more often than this (goods items) keeps its first occurrences only.</summary>
    public const int MaxOccurrences = 64;

    private const string DateTimeString = "DateTimeString";

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

    private readonly string _file;
    private readonly bool _notifications;
    private readonly WcoPathTrie _paths;
    private readonly WcoReadLimits _limits;

    // One entry per open element of the message being read: its node in the path tree (null off every watched
    // path), the watched path of the parent when the element is a DateTimeString (a time is found by its element,
    // IssueDateTime, as well as by the DateTimeString child), and that DateTimeString's formatCode.
    private readonly List<(WcoPathTrie? Node, string? TimeOf, string? FormatCode)> _open = [];

    private XmlReader? _reader;
    private State _state;
    private int _messageDepth;
    private long _messageLine;
    private long _elements;
    private string? _refusal;
    private bool _done;

    public WcoMessageReader(string file, bool notifications, WcoPathTrie paths, WcoReadLimits limits)
    {
        _file = file;
        _notifications = notifications;
        _paths = paths;
        _limits = limits;
    }

    private enum State
    {
        /// <summary>Between messages.</summary>
        Outside,

        /// <summary>Inside a wanted message, keeping its watched values.</summary>
        Reading,

        /// <summary>Inside an element of the other kind (a Declaration inside a notification, a Response in a declaration pass).</summary>
        Skipping,

        /// <summary>Inside a wanted message that went over max_elements: read to its end, nothing kept.</summary>
        Refusing,
    }

    /// <summary>The values of the element being read when the file failed (the LRN of a truncated declaration).</summary>
    public Dictionary<string, List<WcoValue>>? Partial { get; private set; }

    /// <summary>Why the file could not be read to its end, if it could not.</summary>
    public string? Error { get; private set; }

    /// <summary>What kind of fault <see cref="Error"/> is.</summary>
    public WcoFileFault Fault { get; private set; }

    /// <summary>The line of the fault.</summary>
    public long ErrorLine { get; private set; }

    /// <summary>The next wanted element; false at the end of the file or at a fault (then <see cref="Error"/> says why).</summary>
    public bool TryNext(out WcoElement? element)
    {
        element = null;
        if (_done || (_reader ??= Open()) is not { } reader)
        {
            return false;
        }

        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth + 1 > _limits.MaxDepth)
                        {
                            // The nesting itself is the attack: stop here, before the parser holds more of it.
                            Stop(WcoFileFault.TooDeep, Line(reader),
                                $"an element nested deeper than max_depth ({_limits.MaxDepth}): the rest of the file was not read");
                            return false;
                        }

                        if (StartElement(reader, out element))
                        {
                            return true;
                        }

                        break;
                    case XmlNodeType.EndElement when _state != State.Outside:
                        if (reader.Depth == _messageDepth)
                        {
                            if (EndMessage(out element))
                            {
                                return true;
                            }
                        }
                        else if (_state == State.Reading)
                        {
                            _open.RemoveAt(_open.Count - 1);
                        }

                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when _state == State.Reading:
                        (WcoPathTrie? node, string? timeOf, string? formatCode) = _open[^1];
                        if (node?.Path is { } path)
                        {
                            Keep(path, new WcoValue(reader.Value, formatCode));
                        }

                        if (timeOf is not null)
                        {
                            Keep(timeOf, new WcoValue(reader.Value, formatCode));
                        }

                        break;
                }
            }
        }
        catch (XmlException e)
        {
            // A fault before the first node (a prohibited DTD) has no position yet: it is on the first lines.
            Stop(WcoFileFault.Malformed, Math.Max(1, e.LineNumber > 0 ? e.LineNumber : Line(reader)), $"malformed XML: {e.Message}");
            return false;
        }

        _done = true;
        return false;
    }

    private XmlReader? Open()
    {
        long bytes = new FileInfo(_file).Length;
        if (bytes > _limits.MaxFileBytes)
        {
            Stop(WcoFileFault.TooLarge, 1, $"the file is {bytes} bytes, more than max_file_bytes ({_limits.MaxFileBytes}): not read");
            return null;
        }

        var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return XmlReader.Create(stream, Settings);
    }

    /// <summary>An element opens; true when it is a whole wanted message in itself (an empty element).</summary>
    private bool StartElement(XmlReader reader, out WcoElement? element)
    {
        element = null;
        string name = reader.LocalName;
        bool empty = reader.IsEmptyElement;
        switch (_state)
        {
            case State.Reading:
                if (++_elements > _limits.MaxElements)
                {
                    _refusal = $"more than max_elements ({_limits.MaxElements}) elements (the next one is on line {Line(reader)}): the message was refused unread";
                    _state = State.Refusing;
                    _open.Clear();
                    return false;
                }

                (WcoPathTrie? parent, _, _) = _open[^1];
                if (!empty)
                {
                    _open.Add(name == DateTimeString
                        ? (parent?.Child(name), parent?.Path, reader.GetAttribute("formatCode"))
                        : (parent?.Child(name), null, null));
                }

                return false;
            case State.Skipping or State.Refusing:
                return false;
        }

        if (name is not ("Response" or "Declaration"))
        {
            return false;
        }

        if ((name == "Response") != _notifications)
        {
            if (!empty)
            {
                _state = State.Skipping;
                _messageDepth = reader.Depth;
            }

            return false;
        }

        _messageLine = Line(reader);
        _elements = 1;
        _refusal = null;
        Partial = new Dictionary<string, List<WcoValue>>(StringComparer.Ordinal);
        if (empty)
        {
            return EndMessage(out element);
        }

        _state = State.Reading;
        _messageDepth = reader.Depth;
        _open.Add((_paths, null, null));
        return false;
    }

    /// <summary>The message (or skipped element) closes; true when a wanted message is handed out.</summary>
    private bool EndMessage(out WcoElement? element)
    {
        element = null;
        State was = _state;
        _state = State.Outside;
        _open.Clear();
        if (was == State.Skipping)
        {
            return false;
        }

        element = new WcoElement(_messageLine, Partial!, _refusal);
        Partial = null;
        return true;
    }

    private void Keep(string path, WcoValue value)
    {
        if (!Partial!.TryGetValue(path, out List<WcoValue>? list))
        {
            Partial[path] = list = [];
        }

        if (list.Count < MaxOccurrences)
        {
            list.Add(value);
        }
    }

    private void Stop(WcoFileFault fault, long line, string error)
    {
        Fault = fault;
        Error = error;
        ErrorLine = line;
        _done = true;
    }

    private static long Line(XmlReader? reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;

    public void Dispose() => _reader?.Dispose();
}
