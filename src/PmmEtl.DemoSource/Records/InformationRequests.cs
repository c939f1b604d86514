using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Queries received by the contact centre, the help desk and the information counters, in t − 1 and t: fewer in t
/// (read as better published information), with telephone giving way to the web form.
/// </summary>
internal static class InformationRequests
{
    private static readonly WeightedChoice<string> ChannelsBefore = new(("TEL", 45), ("EML", 25), ("WEB", 15), ("CTR", 9), ("SOC", 4), ("OTH", 2));
    private static readonly WeightedChoice<string> ChannelsNow = new(("TEL", 38), ("EML", 24), ("WEB", 24), ("CTR", 7), ("SOC", 5), ("OTH", 2));

    private static readonly string[] Topics =
    [
        "Tariff classification", "Duty rates", "Passenger allowances", "E-commerce parcels", "Import licences", "AEO programme",
        "Refunds", "Origin rules", "Prohibited goods", "Single window", "Currency declaration", "Other",
    ];

    public static void Generate(RegisterContext context)
    {
        Random rng = context.Random("information_request");
        int now = context.PerDeclaration(0.05, 100);
        int before = (int)Math.Round(now * 1.08);
        RegisterTable table = context.Table("information_request", now,
            DefectColumn.Code("channel", "FAX", "XX"), DefectColumn.Date("received_on", context.Year));
        foreach ((int year, int count, WeightedChoice<string> channels) in new[] { (context.Year - 1, before, ChannelsBefore), (context.Year, now, ChannelsNow) })
        {
            var ids = new SequenceIds("Q", year, 7);
            for (int i = 0; i < count; i++)
            {
                table.Text(ids.Next()).Date(rng.WorkingDay(year)).Text(channels.Pick(rng)).Text(Topics[rng.Next(Topics.Length)]).Write();
            }
        }
    }
}
