namespace PmmEtl.DemoSource.Records;

/// <summary>National record numbers: a prefix, the two-digit year and a sequence, e.g. CTL250000123.</summary>
internal sealed class SequenceIds
{
    private readonly string _prefix;
    private readonly int _digits;
    private long _next;

    public SequenceIds(string prefix, int year, int digits = 7)
    {
        _prefix = prefix + (year % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        _digits = digits;
    }

    public string Next() => _prefix + (++_next).ToString("D" + _digits, System.Globalization.CultureInfo.InvariantCulture);
}
