using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Post-clearance control cases closed in the demo year (opened up to ten months before): audits (PCA) and other
/// checks, of AEO and other traders, with or without findings, the customs duty they adjusted (a few refunds too),
/// and voluntary adjustments by the trader, which K19 leaves out. An audit with findings records its violations.
/// </summary>
internal sealed class PostClearanceCases
{
    private readonly RegisterContext _context;
    private readonly Violations _violations;

    public PostClearanceCases(RegisterContext context, Violations violations)
    {
        _context = context;
        _violations = violations;
    }

    public void Generate()
    {
        Random rng = _context.Random("pcc_case");
        int count = _context.PerDeclaration(0.002, 8);
        RegisterTable table = _context.Table("pcc_case", count,
            DefectColumn.Code("audit_kind", "AUD", "X"), DefectColumn.Date("closed_on", _context.Year));
        var ids = new SequenceIds("PCA", _context.Year, 5);
        // The last cases are voluntary disclosures: a trader reports an error and pays, and a check confirms it.
        int voluntaryFrom = count - Math.Max(2, count / 15);
        for (int i = 0; i < count; i++)
        {
            LocalDate closed = rng.WorkingDay(_context.Year);
            LocalDate opened = closed.PlusDays(-rng.Next(30, 301));
            bool voluntary = i >= voluntaryFrom;
            bool audit = !voluntary && rng.Chance(0.4);
            Trader trader = _context.Traders.Pick(rng);
            bool aeo = trader.AeoValidFrom is { } from && from <= opened;
            string regime = voluntary || rng.Chance(0.8) ? "IM" : "EX";
            // Audits find more than other checks; AEOs, who are audited for their systems, less.
            bool findings = voluntary || rng.Chance((audit ? 0.6 : 0.45) * (aeo ? 0.6 : 1.0));
            string currency = rng.NextDouble() switch
            {
                < 0.85 => "USD",
                < 0.95 => "EUR",
                _ => "MXN",
            };
            double? duty = null;
            if (findings && regime == "IM")
            {
                double usd = rng.LogNormal(audit ? 8_000 : 2_500, 1.0, 200, 2_000_000);
                // A few controls end in a refund to the trader: a negative adjustment.
                duty = Currencies.FromUsd(!voluntary && rng.Chance(0.03) ? -usd / 4 : usd, currency);
            }
            else if (regime == "IM")
            {
                duty = 0;
            }

            table.Text(ids.Next()).Date(opened).Date(closed).Text(audit ? "PCA" : "PCC").Text(trader.Id).Flag(aeo).Text(regime).Flag(findings)
                .Amount(duty).Text(duty is null ? null : currency).Flag(voluntary).Write();
            if (audit && findings && !voluntary)
            {
                _violations.FoundByAudit(closed, trader.Id, regime);
            }
        }
    }
}
