namespace PmmEtl.DemoSource.Generation;

/// <summary>
/// National declaration numbers: two-digit year, office code, type, and a sequence per office and type
/// in time order, e.g. 25USNYC1IM0000123.
/// </summary>
internal sealed class DeclarationIds
{
    private readonly string _year;
    private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

    public DeclarationIds(int year) => _year = (year % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    public string Next(string officeCode, string type)
    {
        string key = officeCode + type;
        int number = _next.GetValueOrDefault(key) + 1;
        _next[key] = number;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_year}{key}{number:D7}");
    }
}
