using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// The inventory of services (external ones for the public and trade, internal ones for staff), some with a
/// published service charter and a standard in days, and the year's requests for the external services with a
/// standard: most completed within it, some late, a few received in December still open.
/// </summary>
internal static class Services
{
    private sealed record Service(string Code, string Title, bool External, bool Charter, double? StandardDays);

    private static readonly Service[] Inventory =
    [
        new("S01", "Binding tariff classification ruling", true, true, 90),
        new("S02", "Binding origin ruling", true, true, 120),
        new("S03", "Binding valuation ruling", true, true, 120),
        new("S04", "AEO authorisation", true, true, 120),
        new("S05", "Customs broker licence", true, true, 60),
        new("S06", "Refund or drawback of duties", true, true, 30),
        new("S07", "Protest of a customs decision", true, true, 60),
        new("S08", "Bonded warehouse authorisation", true, true, 45),
        new("S09", "Temporary admission (ATA carnet) guarantee release", true, false, 15),
        new("S10", "Passenger complaint", true, true, 15),
        new("S11", "Trade statistics extract", true, false, 10),
        new("S12", "Import licence verification", true, true, 5),
        new("S13", "Export certificate of origin verification", true, false, 10),
        new("S14", "Seized goods release petition", true, true, 30),
        new("S15", "Recordation of trademarks (IPR)", true, true, 30),
        new("S16", "Single window registration", true, true, 3),
        new("S17", "Account-based payment registration", true, false, 10),
        new("S18", "Public information request", true, true, 20),
        new("S19", "Staff IT account", false, false, 2),
        new("S20", "Staff travel authorisation", false, false, 5),
        new("S21", "Staff uniform issue", false, false, 10),
        new("S22", "Internal legal opinion", false, false, 30),
        new("S23", "Laboratory analysis for another agency", true, false, null),
        new("S24", "Export licence endorsement", true, true, 7),
    ];

    public static void Generate(RegisterContext context)
    {
        RegisterTable catalogue = context.Table("service", Inventory.Length, DefectColumn.Code("charter", "MAYBE", "P"));
        foreach (Service s in Inventory)
        {
            catalogue.Text(s.Code).Text(s.Title).Text(s.External ? "EXT" : "INT").Flag(s.Charter)
                .Text(s.Charter ? $"https://www.customs.example.gov/charter/{s.Code.ToLowerInvariant()}" : null).Amount(s.StandardDays).Write();
        }

        Random rng = context.Random("service_request");
        Service[] requested = Inventory.Where(s => s.External && s.StandardDays is not null).ToArray();
        int count = context.PerDeclaration(0.02, 60);
        RegisterTable tickets = context.Table("service_request", count,
            DefectColumn.Code("standard_days", "ten", "n/a"), DefectColumn.Date("received_on", context.Year));
        var ids = new SequenceIds("SR", context.Year, 6);
        for (int i = 0; i < count; i++)
        {
            Service s = requested[rng.Next(requested.Length)];
            LocalDate received = rng.WorkingDay(context.Year);
            double standard = s.StandardDays!.Value;
            // Most are done in about two thirds of the standard; the tail runs late.
            LocalDate completed = received.PlusDays((int)Math.Round(rng.LogNormal(standard * 0.65, 0.55, 0, standard * 4)));
            tickets.Text(ids.Next()).Text(s.Code).Date(received).Date(completed <= context.LastDay ? completed : null).Amount(standard).Write();
        }
    }
}
