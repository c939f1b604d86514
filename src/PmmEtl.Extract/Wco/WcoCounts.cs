namespace PmmEtl.Extract.Wco;

/// <summary>
/// The names a <c>wco-xml</c> source counts under in its <see cref="SourceCounts"/>. Every refused row is counted
/// once, as <c>quarantined.&lt;kind&gt;</c> of its first reason, so those counts add up to the rows the source
/// refused; the others count what was read and what was bent without being refused.
/// </summary>
public static class WcoCounts
{
    public const string Files = "files_read";
    public const string DeclarationMessages = "declaration_messages";
    public const string Notifications = "notifications";

    /// <summary>Declaration messages that are not new declarations (function code 13: amendment or cancellation requests).</summary>
    public const string NotNewDeclarations = "declaration_messages_not_new";

    /// <summary>Format-304 times read without the formatCode attribute that says so.</summary>
    public const string TimesWithoutFormatCode = "times_without_format_code";

    /// <summary>Declarations whose message names no office, given <c>source.wco.default_office</c>.</summary>
    public const string DefaultOfficeUsed = "default_office_used";

    public const string Quarantined = "quarantined.";

    // Quarantine kinds: of a whole file …
    public const string MalformedFile = "malformed_file";
    public const string TooDeep = "too_deep";
    public const string FileTooLarge = "file_too_large";

    // … of one message …
    public const string TooManyElements = "too_many_elements";
    public const string NoDeclarationId = "no_declaration_id";
    public const string UnreadableField = "unreadable_field";
    public const string NeverNotified = "never_notified";
    public const string Rejected = "rejected";
    public const string Invalidated = "invalidated";

    // … and of the notifications.
    public const string NotificationNamesNoDeclaration = "notification_names_no_declaration";
    public const string NotificationWithoutFunctionCode = "notification_without_function_code";
    public const string UnknownFunctionCode = "unknown_function_code";
    public const string NotificationWithoutTime = "notification_without_time";
    public const string UnreadableNotificationTime = "unreadable_notification_time";
    public const string NotificationTooManyElements = "notification_too_many_elements";
    public const string NoDeclarationMessage = "notifications_without_declaration_message";

    public static string Of(WcoFileFault fault) => fault switch
    {
        WcoFileFault.TooDeep => TooDeep,
        WcoFileFault.TooLarge => FileTooLarge,
        _ => MalformedFile,
    };
}
