namespace PmmEtl.Extract.Csv;

/// <summary>How a canonical field's text is checked and reformatted.</summary>
public enum CsvFieldKind
{
    Text,
    Time,
    Date,
}
