using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;

namespace PmmEtl.Reports.Workbook;

/// <summary>
/// Streams one worksheet row by row with typed cells: text through the shared string table, numbers as numbers,
/// dates as date serials with a date format. Rows go straight to the part (OpenXmlWriter), so a sheet's size does not
/// grow memory; column widths are therefore given up front. A table sheet gets a frozen header row and an
/// autofilter over all its rows.
/// </summary>
internal sealed class SheetWriter : IDisposable
{
    private readonly SharedStrings _strings;
    private readonly OpenXmlWriter _writer;
    private readonly bool _table;
    private readonly int _columns;
    private readonly List<Cell> _cells = [];
    private int _rowIndex;
    private bool _finished;

    public SheetWriter(WorksheetPart part, SharedStrings strings, IReadOnlyList<double> widths, bool table)
    {
        _strings = strings;
        _table = table;
        _columns = widths.Count;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        if (table)
        {
            _writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0 }));
        }

        var columns = new Columns();
        for (int i = 0; i < widths.Count; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        _writer.WriteElement(columns);
        _writer.WriteStartElement(new SheetData());
    }

    public int RowCount => _rowIndex;

    /// <summary>The table's range, header included (A1:W123).</summary>
    public string FilterRange => $"A1:{ColumnName(_columns - 1)}{Math.Max(_rowIndex, 1)}";

    public SheetWriter Row()
    {
        FlushRow();
        _rowIndex++;
        return this;
    }

    public SheetWriter Text(string? text, CellKind style = CellKind.Text)
    {
        if (text is null)
        {
            return Empty();
        }

        Cell cell = Next(style);
        cell.DataType = CellValues.SharedString;
        cell.CellValue = new CellValue(_strings.Index(text).ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public SheetWriter Number(double? value, CellKind style)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return Empty();
        }

        Next(style).CellValue = new CellValue(v.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public SheetWriter Number(long? value) => value is { } v ? Number(v, CellKind.Integer) : Empty();

    /// <summary>A KPI value: the number (two decimals); without one, its text (an answer, a label); else empty.</summary>
    public SheetWriter Value(double? value, string? text) =>
        value is not null ? Number(value, CellKind.Decimal2) : text is not null ? Text(text, CellKind.Wrapped) : Empty();

    public SheetWriter Date(LocalDate? date) => date is { } d ? Number(ExcelSerial(d), CellKind.Date) : Empty();

    /// <summary>
    /// Excel's serial number of a date (1900 date system): 1 is 1900-01-01, and Excel counts a 29 February 1900 that
    /// never was (Lotus 1-2-3's bug, kept for compatibility), so from 1900-03-01 on the serial is one more than the
    /// days since 1899-12-31. DateTime.ToOADate agrees only from 1900-03-01 and fails below year 100.
    /// </summary>
    /// <exception cref="InvalidDataException">The date is outside <see cref="PublishableDates"/> (an exclusive end included).</exception>
    internal static int ExcelSerial(LocalDate date)
    {
        PublishableDates.ExclusiveEnd(date, "workbook date");
        int days = Period.DaysBetween(new LocalDate(1899, 12, 31), date);
        return date < new LocalDate(1900, 3, 1) ? days : days + 1;
    }

    /// <summary>Skips a cell: nothing is written, the next value goes one column further.</summary>
    public SheetWriter Empty()
    {
        _cells.Add(new Cell());
        return this;
    }

    /// <summary>Ends the sheet: the autofilter of a table, then the worksheet.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        FlushRow();
        _writer.WriteEndElement(); // sheetData
        if (_table)
        {
            _writer.WriteElement(new AutoFilter { Reference = FilterRange });
        }

        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _finished = true;
    }

    public void Dispose()
    {
        Finish();
        _writer.Dispose();
    }

    public static string ColumnName(int index)
    {
        string name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private Cell Next(CellKind style)
    {
        if (_rowIndex == 0)
        {
            throw new InvalidOperationException("Start a row first.");
        }

        var cell = new Cell { StyleIndex = (uint)style };
        _cells.Add(cell);
        return cell;
    }

    private void FlushRow()
    {
        if (_rowIndex == 0)
        {
            return;
        }

        var row = new Row { RowIndex = (uint)_rowIndex };
        for (int i = 0; i < _cells.Count; i++)
        {
            if (_cells[i].CellValue is null)
            {
                continue; // an empty cell is simply absent
            }

            _cells[i].CellReference = ColumnName(i) + _rowIndex.ToString(CultureInfo.InvariantCulture);
            row.Append(_cells[i]);
        }

        _writer.WriteElement(row);
        _cells.Clear();
    }
}

/// <summary>The workbook's shared string table: each distinct text once.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int Index(string text)
    {
        if (!_index.TryGetValue(text, out int i))
        {
            i = _texts.Count;
            _index.Add(text, i);
            _texts.Add(text);
        }

        return i;
    }

    public void SaveTo(WorkbookPart workbook)
    {
        SharedStringTablePart part = workbook.AddNewPart<SharedStringTablePart>();
        using OpenXmlWriter writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new SharedStringTable { Count = (uint)_texts.Count, UniqueCount = (uint)_texts.Count });
        foreach (string text in _texts)
        {
            writer.WriteElement(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        writer.WriteEndElement();
        writer.Close();
    }
}
