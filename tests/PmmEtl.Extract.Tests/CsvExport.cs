using PmmEtl.Core.Pipelines;
using PmmEtl.Extract.Csv;

namespace PmmEtl.Extract.Tests;

/// <summary>A national CSV export layout (semicolons, day-first times, national codes) and its mapping.</summary>
public static class CsvExport
{
    public const string Header = "DECL_NO;TYPE;OFFICE;MODE;CHANNEL;AEO;SUB;ARRIVAL;LODGED;RELEASED";

    public static string Row(string id, string type = "IM", string office = "NYC", string mode = "10", string channel = "G", string aeo = "N",
        string sub = "", string arrival = "10/01/2025 08:00", string lodged = "10/01/2025 09:00", string released = "10/01/2025 10:30") =>
        string.Join(';', id, type, office, mode, channel, aeo, sub, arrival, lodged, released);

    public static Dictionary<string, FieldMapping> Columns() => new()
    {
        ["declaration_id"] = new() { Column = "DECL_NO" },
        ["declaration_type"] = new() { Column = "TYPE", Map = new Dictionary<string, string> { ["IM"] = "IMPORT", ["EX"] = "EXPORT" } },
        ["office_code"] = new() { Column = "OFFICE" },
        ["mode_of_transport"] = new() { Column = "MODE", Map = new Dictionary<string, string> { ["10"] = "SEA", ["20"] = "RAIL", ["30"] = "LAND", ["40"] = "AIR" } },
        ["control_channel"] = new() { Column = "CHANNEL", Map = new Dictionary<string, string> { ["G"] = "GREEN", ["R"] = "RED" } },
        ["aeo"] = new() { Column = "AEO", Map = new Dictionary<string, string> { ["J"] = "1" }, Default = "0" },
        ["ecommerce"] = new() { Constant = "0" },
        ["submission_channel"] = new() { Column = "SUB", Default = "EDI" },
        ["arrival_local"] = new() { Column = "ARRIVAL" },
        ["lodged_local"] = new() { Column = "LODGED" },
        ["released_local"] = new() { Column = "RELEASED" },
    };

    public static CsvSourceSettings Settings(string path, Dictionary<string, FieldMapping>? columns = null) => new()
    {
        Path = path,
        Delimiter = ';',
        TimeFormat = "dd/MM/uuuu HH:mm",
        Columns = columns ?? Columns(),
    };
}
