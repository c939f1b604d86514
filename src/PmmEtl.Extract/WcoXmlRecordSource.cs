using PmmEtl.Core.Pipelines;
using PmmEtl.Core.Records;
using PmmEtl.Core.Stages;
using PmmEtl.Extract.Files;
using PmmEtl.Extract.Wco;

namespace PmmEtl.Extract;

/// <summary>
/// Streams declarations from a folder of WCO Data Model messages in two passes: the notification files first, each
/// notification reduced to its declaration's events in a <see cref="WcoNotificationIndex"/>; then the declaration
/// files, each declaration message joined with its events and handed on at once. What cannot become a declaration
/// is handed on too, as a refused row naming its file and line: a malformed or truncated file, a notification that
/// names no declaration, notifications whose declaration message is not in the folder. Nothing is dropped silently.
/// </summary>
public sealed class WcoXmlRecordSource : IRecordSource
{
    private readonly WcoXmlSourceSettings _settings;

    public WcoXmlRecordSource(SourceDefinition source)
    {
        _settings = source.Wco ?? throw new InvalidOperationException("source.wco: a wco-xml source needs its settings");
    }

    /// <summary>WCO DM declaration and notification messages give declarations, and nothing else.</summary>
    public IReadOnlyList<RecordSchema> Available { get; } = [RecordTypes.Declaration];

    public RecordMapping Describe(RecordSchema type)
    {
        if (type != RecordTypes.Declaration)
        {
            throw new InvalidOperationException($"a wco-xml source gives declarations only, not {type.Name} records");
        }

        IReadOnlySet<string> given = new WcoDeclarationAssembler(_settings).Given;
        return new RecordMapping(type, "source.wco", [.. type.Fields.Select(f =>
            f.Derived ? new FieldOrigin(FieldPresence.Given, "computed by the normaliser")
            : given.Contains(f.Name) ? new FieldOrigin(FieldPresence.Given, _settings.Fields.TryGetValue(f.Name, out WcoFieldMapping? m)
                ? (m.Constant is { } c ? $"constant '{c}'" : $"path {string.Join(" | ", m.Paths)}") : "the notifications")
            : new FieldOrigin(FieldPresence.Absent, "not in WCO DM messages (map it in source.wco.fields)"))]);
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
        IReadOnlyList<string> declarationFiles = SourceFiles.List(_settings.Path, _settings.DeclarationFiles);
        IReadOnlyList<string> notificationFiles = SourceFiles.List(_settings.Path, _settings.NotificationFiles);
        if (declarationFiles.Count == 0)
        {
            // Messages that did not arrive must not look like a quiet day.
            throw new SourceConfigurationException($"source.path: no file matches '{_settings.DeclarationFiles}' in {_settings.Path}");
        }

        var index = new WcoNotificationIndex(_settings.FunctionCodes);
        var assembler = new WcoDeclarationAssembler(_settings);
        var declarationSet = new HashSet<string>(declarationFiles, StringComparer.Ordinal);
        var refused = new List<RawRecord>();

        for (int i = 0; i < notificationFiles.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string file = notificationFiles[i];
            using var reader = new WcoMessageReader(file, notifications: true, WcoNotificationIndex.Paths);
            while (reader.TryNext(out WcoElement? notification))
            {
                if (index.Add(i, Path.GetFileName(file), notification!) is { } unjoinable)
                {
                    refused.Add(Refused(file, notification!.Line, "notification", unjoinable, null));
                }
            }

            // A fault in a file that the declaration pass reads too is reported there, once, with what it knows of the declaration.
            if (!declarationSet.Contains(file) && Fault(reader, file) is { } fault)
            {
                refused.Add(fault);
            }
        }

        foreach (RawRecord row in refused)
        {
            yield return row;
        }

        foreach (string file in declarationFiles)
        {
            using var reader = new WcoMessageReader(file, notifications: false, assembler.Paths);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!reader.TryNext(out WcoElement? message))
                {
                    break;
                }

                if (assembler.IsDeclaration(message!))
                {
                    yield return assembler.Build(file, message!, index);
                }
            }

            if (Fault(reader, file) is { } fault)
            {
                yield return fault;
            }
        }

        foreach (WcoDeclarationEvents orphan in index.Unclaimed())
        {
            string file = notificationFiles[orphan.FileIndex];
            yield return Refused(file, orphan.Line, "notification",
                $"{Path.GetFileName(file)} line {orphan.Line}: notifications for MRN {orphan.Mrn ?? "unknown"} (LRN {orphan.Lrn ?? "unknown"}) but no declaration message for it among the source files",
                orphan.Mrn ?? orphan.Lrn);
        }
    }

    private static RawRecord? Fault(WcoMessageReader reader, string file)
    {
        if (reader.Error is not { } error)
        {
            return null;
        }

        string? lrn = reader.Partial?.GetValueOrDefault(WcoDeclarationAssembler.LrnPath) is [var first, ..] ? first.Text.Trim() : null;
        return Refused(file, reader.ErrorLine, "message", $"{Path.GetFileName(file)} line {reader.ErrorLine}: {error}", lrn);
    }

    private static RawRecord Refused(string file, long line, string field, string reason, string? id) =>
        RawRecord.Refused(RecordTypes.Declaration, file, line, field, reason, id);
}
