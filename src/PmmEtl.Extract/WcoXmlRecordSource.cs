using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Wco;

namespace PmmEtl.Extract;

/// <summary>
/// Streams declarations from a folder of WCO Data Model messages, sub-folders included (national systems publish
/// one sub-folder per day or scenario), in two passes: the notification files first, each notification reduced to
/// its declaration's events in a <see cref="WcoNotificationIndex"/>; then the declaration files, each declaration
/// message joined with its events and handed on at once. What cannot become a declaration is handed on too, as a
/// refused row naming its file and line: a malformed, truncated or over-limit file or message, a notification that
/// names no declaration, notifications whose declaration message is not in the folder. Nothing is dropped silently:
/// every refused row, and everything read but bent (a time without its formatCode, a default office), is counted
/// in <see cref="Counts"/>.
/// </summary>
public sealed class WcoXmlRecordSource : IRecordSource, ICountingSource
{
    private readonly WcoXmlSourceSettings _settings;

    public WcoXmlRecordSource(SourceDefinition source)
    {
        _settings = source.Wco ?? throw new InvalidOperationException("source.wco: a wco-xml source needs its settings");
    }

    /// <summary>What the last read met, by the names of <see cref="WcoCounts"/>.</summary>
    public SourceCounts Counts { get; } = new();

    /// <summary>WCO DM declaration and notification messages give declarations, and nothing else.</summary>
    public IReadOnlyList<RecordSchema> Available { get; } = [RecordTypes.Declaration];

    public RecordMapping Describe(RecordSchema type)
    {
        if (type != RecordTypes.Declaration)
        {
            throw new InvalidOperationException($"a wco-xml source gives declarations only, not {type.Name} records");
        }

        IReadOnlySet<string> given = new WcoDeclarationAssembler(_settings, new SourceCounts()).Given;
        return new RecordMapping(type, "source.wco", [.. type.Fields.Select(f =>
            f.Derived ? new FieldOrigin(FieldPresence.Given, "computed by the normaliser")
            : given.Contains(f.Name) ? new FieldOrigin(FieldPresence.Given, _settings.Fields.TryGetValue(f.Name, out WcoFieldMapping? m)
                ? (m.Constant is { } c ? $"constant '{c}'" : $"path {string.Join(" | ", m.Paths)}") : "the notifications")
            : new FieldOrigin(FieldPresence.Absent, "not in the WCO DM messages (map it in source.wco.fields)"))]);
    }

    public IEnumerable<RawRecord> Read(RecordSchema type, ExtractWindow window, CancellationToken cancellationToken)
    {
        if (type != RecordTypes.Declaration)
        {
            throw new InvalidOperationException($"a wco-xml source gives declarations only, not {type.Name} records");
        }

        return ReadDeclarations(cancellationToken);
    }

    private IEnumerable<RawRecord> ReadDeclarations(CancellationToken cancellationToken)
    {
        Counts.Clear();
        IReadOnlyList<string> declarationFiles = SourceFiles.List(_settings.Path, _settings.DeclarationFiles, recursive: true);
        IReadOnlyList<string> notificationFiles = SourceFiles.List(_settings.Path, _settings.NotificationFiles, recursive: true);
        if (declarationFiles.Count == 0)
        {
            // Messages that did not arrive must not look like a quiet day.
            throw new SourceConfigurationException($"source.path: no file matches '{_settings.DeclarationFiles}' in {_settings.Path} or its sub-folders");
        }

        var limits = WcoReadLimits.Of(_settings);
        var index = new WcoNotificationIndex(_settings.FunctionCodes, Counts);
        var assembler = new WcoDeclarationAssembler(_settings, Counts);
        var declarationSet = new HashSet<string>(declarationFiles, StringComparer.Ordinal);
        Counts.Add(WcoCounts.Files, declarationSet.Union(notificationFiles).Count());
        var refused = new List<RawRecord>();

        for (int i = 0; i < notificationFiles.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string file = notificationFiles[i];
            using var reader = new WcoMessageReader(file, notifications: true, WcoNotificationIndex.Paths, limits);
            while (reader.TryNext(out WcoElement? notification))
            {
                Counts.Add(WcoCounts.Notifications);
                if (index.Add(i, Path.GetFileName(file), notification!) is { } unjoinable)
                {
                    refused.Add(Refuse(unjoinable.Kind, file, notification!.Line, "notification", unjoinable.Reason, null));
                }
            }

            // A fault in a file that the declaration pass reads too is reported there, once, with what it knows of the declaration.
            if (!declarationSet.Contains(file) && reader.Error is { } error)
            {
                refused.Add(Refuse(WcoCounts.Of(reader.Fault), file, reader.ErrorLine, "message", $"{Path.GetFileName(file)} line {reader.ErrorLine}: {error}", null));
            }
        }

        foreach (RawRecord row in refused)
        {
            yield return row;
        }

        foreach (string file in declarationFiles)
        {
            string name = Path.GetFileName(file);
            using var reader = new WcoMessageReader(file, notifications: false, assembler.Paths, limits);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!reader.TryNext(out WcoElement? message))
                {
                    break;
                }

                if (!assembler.IsDeclaration(message!))
                {
                    Counts.Add(WcoCounts.NotNewDeclarations);
                    continue;
                }

                Counts.Add(WcoCounts.DeclarationMessages);
                yield return message!.Refusal is { } refusal
                    ? Refuse(WcoCounts.TooManyElements, file, message.Line, "message", $"{name} line {message.Line}: a message with {refusal}",
                        assembler.ClaimRefused(message.Values, index))
                    : Emit(assembler.Build(file, message, index));
            }

            if (reader.Error is { } error)
            {
                // A truncated declaration is one refused row: its notifications are claimed by it, not refused again as orphans.
                yield return Refuse(WcoCounts.Of(reader.Fault), file, reader.ErrorLine, "message", $"{name} line {reader.ErrorLine}: {error}",
                    assembler.ClaimRefused(reader.Partial, index));
            }
        }

        foreach (WcoDeclarationEvents orphan in index.Unclaimed())
        {
            string file = notificationFiles[orphan.FileIndex];
            yield return Refuse(WcoCounts.NoDeclarationMessage, file, orphan.Line, "notification",
                $"{Path.GetFileName(file)} line {orphan.Line}: notifications for MRN {orphan.Mrn ?? "unknown"} (LRN {orphan.Lrn ?? "unknown"}) but no declaration message for it among the source files",
                orphan.Mrn ?? orphan.Lrn);
        }
    }

    private RawRecord Emit(WcoDeclaration declaration)
    {
        if (declaration.Problems is [var first, ..])
        {
            Counts.Add(WcoCounts.Quarantined + first.Kind);
        }

        return WcoRows.From(declaration);
    }

    private RawRecord Refuse(string kind, string file, long line, string field, string reason, string? id)
    {
        Counts.Add(WcoCounts.Quarantined + kind);
        return WcoRows.Refused(file, line, field, reason, id);
    }
}
