using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// The AEO certificate register with its type-2 history: one row per certificate version and status interval. Every
/// AEO trader of the trader table holds a certificate from its AEO date, revalidated every three years (a new version
/// row); some were suspended for a while (a suspended interval between two active ones), some traders hold a second
/// certificate in another role. Former AEOs had theirs revoked or withdrawn in t − 1 or t. Foreign AEOs recognised
/// under mutual recognition arrangements, and e-commerce intermediaries (express and postal operators, platforms),
/// complete it. The extraction query keeps the active intervals only.
/// </summary>
internal sealed class AeoRegister
{
    private static readonly WeightedChoice<string> Roles = new(
        ("IMP", 35), ("EXP", 20), ("BRK", 12), ("LSP", 10), ("CAR", 8), ("WHS", 6), ("MFR", 7), ("TRM", 2));

    private static readonly string[] MraPartners = ["JP", "KR", "CA", "MX", "NZ", "SG", "IL", "TW", "GB", "CH", "DE", "NL"];

    private readonly RegisterContext _context;
    private readonly Random _rng;
    private readonly RegisterTable _table;
    private int _certificates;

    public AeoRegister(RegisterContext context)
    {
        _context = context;
        _rng = context.Random("aeo_authorisation");
        _table = context.Table("aeo_authorisation", context.Traders.All.Count(t => t.IsAeo),
            DefectColumn.Code("role_code", "XXX", "AEO"), DefectColumn.Date("valid_from", context.Year));
    }

    public void Generate()
    {
        IReadOnlyList<Trader> traders = _context.Traders.All;
        var lastDay = _context.LastDay;
        foreach (Trader trader in traders)
        {
            if (trader.AeoValidFrom is { } from)
            {
                bool ecommerce = _rng.Chance(0.05);
                Certificate(trader.Id, ecommerce ? Pick("LSP", "CAR", "BRK") : Roles.Pick(_rng), from, null, "NAT", "US", ecommerce);
                if (_rng.Chance(0.08))
                {
                    LocalDate second = _rng.DayBetween(from, lastDay);
                    Certificate(trader.Id, Pick("BRK", "WHS", "LSP"), second, null, "NAT", "US", false);
                }
            }
            else if (_rng.Chance(0.012))
            {
                // A former AEO: certified years ago, revoked or withdrawn in t − 1 or t.
                LocalDate start = new LocalDate(_context.Year - 8, 1, 1).PlusDays(_rng.Next(5 * 365));
                LocalDate end = _rng.DayBetween(new LocalDate(_context.Year - 1, 1, 15), new LocalDate(_context.Year, 11, 30));
                Certificate(trader.Id, Roles.Pick(_rng), start, end, "NAT", "US", false);
            }
        }

        var ids = new SequenceIds("US9", _context.Year, 7);
        for (int i = 0; i < 15; i++)
        {
            // E-commerce intermediaries that are not importers themselves (not in the trader table).
            LocalDate from = _rng.DayBetween(new LocalDate(_context.Year - 3, 1, 1), new LocalDate(_context.Year, 10, 31));
            Certificate(ids.Next(), Pick("LSP", "CAR"), from, null, "NAT", "US", true);
        }

        for (int i = 0; i < 120; i++)
        {
            string country = MraPartners[_rng.Next(MraPartners.Length)];
            string operatorId = country + _rng.Next(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            LocalDate from = _rng.DayBetween(new LocalDate(_context.Year - 6, 1, 1), new LocalDate(_context.Year, 9, 30));
            Certificate(operatorId, Roles.Pick(_rng), from, null, "MRA", country, _rng.Chance(0.1));
        }
    }

    /// <param name="end">The day the certificate was revoked or withdrawn (its last valid day is the day before); null while valid.</param>
    private void Certificate(string operatorId, string role, LocalDate from, LocalDate? end, string recognition, string country, bool ecommerce)
    {
        string id = $"{country}AEO{++_certificates:D6}";
        LocalDate lastDay = _context.LastDay;
        LocalDate stop = end ?? lastDay.PlusDays(1);
        // A suspension of one to four months, for some certificates, at some time in the last three years.
        LocalDate? suspended = null;
        LocalDate? reinstated = null;
        LocalDate window = new(_context.Year - 2, 1, 1);
        LocalDate earliest = from > window ? from.PlusDays(30) : window;
        if (recognition == "NAT" && _rng.Chance(0.06) && earliest < stop.PlusDays(-150))
        {
            suspended = _rng.DayBetween(earliest, stop.PlusDays(-150));
            reinstated = suspended.Value.PlusDays(_rng.Next(30, 121));
        }

        int version = 0;
        LocalDate start = from;
        while (start < stop)
        {
            // National certificates are revalidated every three years; each revalidation is a new version.
            LocalDate next = recognition == "NAT" ? start.PlusYears(3) : stop;
            if (suspended is { } s && s >= start && s < next)
            {
                if (s > start)
                {
                    Row(id, ++version, operatorId, role, "A", start, s.PlusDays(-1), recognition, country, ecommerce);
                }

                Row(id, ++version, operatorId, role, "S", s, reinstated!.Value.PlusDays(-1), recognition, country, ecommerce);
                start = reinstated.Value;
                suspended = null;
                continue;
            }

            bool last = next >= stop;
            Row(id, ++version, operatorId, role, "A", start, last ? end?.PlusDays(-1) : next.PlusDays(-1), recognition, country, ecommerce);
            start = next;
        }

        if (end is { } revoked)
        {
            Row(id, ++version, operatorId, role, _rng.Chance(0.7) ? "R" : "W", revoked, null, recognition, country, ecommerce);
        }
    }

    private void Row(string id, int version, string operatorId, string role, string status, LocalDate from, LocalDate? to, string recognition,
        string country, bool ecommerce)
    {
        _table.Text(id).Integer(version).Text(operatorId).Text(role).Text(status).Date(from).Date(to).Text(recognition).Text(country).Flag(ecommerce)
            .Write(mayCarryDefect: status == "A");
    }

    private string Pick(params string[] roles) => roles[_rng.Next(roles.Length)];
}
