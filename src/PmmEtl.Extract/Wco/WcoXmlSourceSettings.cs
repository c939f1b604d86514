namespace PmmEtl.Extract.Wco;

/// <summary>
/// How a folder of WCO Data Model messages maps onto declarations: which files hold declarations and which hold
/// notifications (responses), what each notification function code means, and where each canonical field is found
/// in a declaration message (element paths by local name, whatever the namespace prefix).
/// </summary>
public sealed record WcoXmlSourceSettings
{
    /// <summary>A folder (read with the two file patterns) or a single file.</summary>
    public required string Path { get; init; }

    /// <summary>Files searched for declaration messages (<c>Declaration</c> elements outside any <c>Response</c>).</summary>
    public string DeclarationFiles { get; init; } = "*.xml";

    /// <summary>Files searched for notification messages (<c>Response</c> elements).</summary>
    public string NotificationFiles { get; init; } = "*.xml";

    /// <summary>Which number identifies a declaration in the warehouse: the MRN customs gave it (default), or the trader's LRN.</summary>
    public WcoIdentity Identity { get; init; } = WcoIdentity.Mrn;

    /// <summary>Declaration function codes that are declarations; others (13: amendment or cancellation requests) are not new declarations.</summary>
    public IReadOnlySet<string> DeclarationFunctionCodes { get; init; } = WcoDefaults.DeclarationFunctionCodes;

    /// <summary>Notification function code → milestone event. Replaces <see cref="WcoDefaults.FunctionCodes"/> when configured.</summary>
    public IReadOnlyDictionary<string, WcoEvent> FunctionCodes { get; init; } = WcoDefaults.FunctionCodes;

    /// <summary>Canonical field → where it is found; each configured field replaces that field's default rule.</summary>
    public IReadOnlyDictionary<string, WcoFieldMapping> Fields { get; init; } = WcoDefaults.Fields;

    /// <summary>
    /// The office of a declaration whose message names none (most import messages of some systems name no office
    /// of presentation): one of the pipeline's offices, checked when the pipeline is loaded. Null: such a
    /// declaration is refused for its missing office.
    /// </summary>
    public string? DefaultOffice { get; init; }

    /// <summary>Elements nested deeper than this (counted from the document root) stop the file: a hostile or broken file.</summary>
    public int MaxDepth { get; init; } = WcoDefaults.MaxDepth;

    /// <summary>A message (one <c>Declaration</c> or <c>Response</c>) with more elements than this is refused.</summary>
    public int MaxElements { get; init; } = WcoDefaults.MaxElements;

    /// <summary>A file larger than this is refused unread.</summary>
    public long MaxFileBytes { get; init; } = WcoDefaults.MaxFileBytes;
}

public enum WcoIdentity
{
    Mrn,
    Lrn,
}

/// <summary>What a notification says happened to a declaration.</summary>
public enum WcoEvent
{
    Ignore,
    Received,
    Accepted,
    DocumentsRequired,
    Control,
    Released,
    Cleared,
    Exited,
    Arrived,
    Rejected,
    Invalidated,
}

/// <summary>
/// A canonical field read from a declaration message: element paths relative to the <c>Declaration</c> element
/// (local names joined by '/'; the first path listed that occurs wins), or a constant; an optional code mapping
/// (keys may end in <c>*</c>), and a default for an absent or unmapped value.
/// </summary>
public sealed record WcoFieldMapping
{
    public IReadOnlyList<string> Paths { get; init; } = [];
    public string? Constant { get; init; }
    public IReadOnlyDictionary<string, string>? Map { get; init; }
    public string? Default { get; init; }
}
