using NodaTime;

namespace PmmEtl.Extract.Wco;

/// <summary>
/// The notifications of a folder, joined up by declaration before the declarations are read. Keyed by MRN (every
/// CDS-style notification carries it) with an LRN → MRN link from those that carry both, so a declaration message,
/// which knows only its LRN, finds its events. Holding one small <see cref="WcoDeclarationEvents"/> per declaration
/// is the price of a streaming join over files in any order: the declaration messages, which are the large ones,
/// are never held.
/// </summary>
public sealed class WcoNotificationIndex
{
    public const string FunctionCodePath = "FunctionCode";
    public const string IssueTimePath = "IssueDateTime";
    public const string MrnPath = "Declaration/ID";
    public const string LrnPath = "Declaration/FunctionalReferenceID";

    /// <summary>The paths a notification is read for.</summary>
    public static WcoPathTrie Paths { get; } = WcoPathTrie.Build([FunctionCodePath, IssueTimePath, MrnPath, LrnPath]);

    // A declaration known only by its LRN so far is keyed with a prefix no MRN can have.
    private const string LrnKey = "\0";

    private readonly IReadOnlyDictionary<string, WcoEvent> _functionCodes;
    private readonly SourceCounts _counts;
    private readonly Dictionary<string, WcoDeclarationEvents> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mrnOfLrn = new(StringComparer.Ordinal);

    public WcoNotificationIndex(IReadOnlyDictionary<string, WcoEvent> functionCodes, SourceCounts counts)
    {
        _functionCodes = functionCodes;
        _counts = counts;
    }

    public int Count => _byKey.Count;

    /// <summary>Notes one notification; returns the kind and reason when it names no declaration at all (it cannot be joined).</summary>
    public (string Kind, string Reason)? Add(int fileIndex, string fileName, WcoElement notification)
    {
        string? code = notification.Text(FunctionCodePath);
        string? mrn = notification.Text(MrnPath);
        string? lrn = notification.Text(LrnPath);
        string where = $"{fileName} line {notification.Line}";
        if (mrn is null && lrn is null)
        {
            return notification.Refusal is { } over
                ? (WcoCounts.NotificationTooManyElements, $"{where}: a notification with {over}, and no declaration named before the limit")
                : (WcoCounts.NotificationNamesNoDeclaration,
                    $"{where}: a notification (function code {code ?? "none"}) that names no declaration (no Declaration/ID nor Declaration/FunctionalReferenceID)");
        }

        WcoDeclarationEvents events = Resolve(mrn, lrn, fileIndex, notification.Line);
        if (notification.Refusal is { } refusal)
        {
            // Its events are unknown, so its declaration's milestones would be incomplete: the declaration is refused.
            events.NoteProblem(WcoCounts.NotificationTooManyElements, $"{where}: a notification with {refusal}");
            return null;
        }

        if (code is null)
        {
            events.NoteProblem(WcoCounts.NotificationWithoutFunctionCode, $"{where}: a notification without a FunctionCode");
            return null;
        }

        if (!_functionCodes.TryGetValue(code, out WcoEvent e))
        {
            events.NoteProblem(WcoCounts.UnknownFunctionCode, $"{where}: unknown notification function code '{code}' (map it in source.wco.function_codes)");
            return null;
        }

        if (e == WcoEvent.Ignore)
        {
            return null;
        }

        if (notification.First(IssueTimePath) is not { } time)
        {
            events.NoteProblem(WcoCounts.NotificationWithoutTime, $"{where}: a notification (function code {code}) without IssueDateTime");
        }
        else if (WcoDateTime.TryExact(time, out OffsetDateTime at, out string? error, out bool withoutFormatCode))
        {
            if (withoutFormatCode)
            {
                _counts.Add(WcoCounts.TimesWithoutFormatCode);
            }

            events.Note(e, at);
        }
        else
        {
            events.NoteProblem(WcoCounts.UnreadableNotificationTime, $"{where}: IssueDateTime of function code {code}: {error}");
        }

        return null;
    }

    /// <summary>The events of a declaration message (its LRN, and its MRN if it carries one), marked as claimed.</summary>
    public WcoDeclarationEvents? Claim(string? lrn, string? mrn)
    {
        string? key = mrn ?? (lrn is not null && _mrnOfLrn.TryGetValue(lrn, out string? linked) ? linked : null);
        WcoDeclarationEvents? events = null;
        if (key is not null)
        {
            _byKey.TryGetValue(key, out events);
        }

        if (events is null && lrn is not null)
        {
            _byKey.TryGetValue(LrnKey + lrn, out events);
        }

        if (events is not null)
        {
            events.Claimed = true;
        }

        return events;
    }

    /// <summary>Declarations that notifications speak of but no declaration message claimed, in file and line order.</summary>
    public IEnumerable<WcoDeclarationEvents> Unclaimed() =>
        _byKey.Values.Where(e => !e.Claimed).OrderBy(e => e.FileIndex).ThenBy(e => e.Line);

    private WcoDeclarationEvents Resolve(string? mrn, string? lrn, int fileIndex, long line)
    {
        if (mrn is null)
        {
            if (_mrnOfLrn.TryGetValue(lrn!, out string? linked))
            {
                return _byKey[linked];
            }

            return GetOrAdd(LrnKey + lrn, null, lrn, fileIndex, line);
        }

        WcoDeclarationEvents events = GetOrAdd(mrn, mrn, lrn, fileIndex, line);
        if (lrn is not null && _mrnOfLrn.TryAdd(lrn, mrn))
        {
            events.Lrn ??= lrn;
            if (_byKey.Remove(LrnKey + lrn, out WcoDeclarationEvents? early))
            {
                events.Merge(early);
            }
        }

        return events;
    }

    private WcoDeclarationEvents GetOrAdd(string key, string? mrn, string? lrn, int fileIndex, long line)
    {
        if (!_byKey.TryGetValue(key, out WcoDeclarationEvents? events))
        {
            _byKey[key] = events = new WcoDeclarationEvents(mrn, lrn, fileIndex, line);
        }

        return events;
    }
}
