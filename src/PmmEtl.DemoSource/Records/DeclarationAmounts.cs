using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// The valuation of import and export declarations: statistical value and the customs duty assessed (imports only),
/// in USD mostly, in pesos at Laredo and in euros partly at the New York seaport. The demo year follows the
/// declaration table row by row; the two years before come from the duty archive (import declarations only, about as
/// many as this year), which is what K19's three-year average of duty needs.
/// </summary>
internal sealed class DeclarationAmounts
{
    private readonly RegisterContext _context;
    private readonly Random _rng;
    private readonly RegisterTable _table;
    private long _imports;

    public DeclarationAmounts(RegisterContext context)
    {
        _context = context;
        _rng = context.Random("declaration_amount");
        _table = context.Table("declaration_amount", context.PerDeclaration(0.6, 1),
            DefectColumn.Code("regime", "XX", "IMP"), DefectColumn.Date("reg_date", context.Year), DefectColumn.Office("office_code"));
    }

    /// <summary>The amounts of a declaration of the year; returns its statistical value in USD (its house bill declares it).</summary>
    public double? Follow(DeclarationPlan plan)
    {
        string type = plan.Attributes.Type;
        if (type is not ("IM" or "EX"))
        {
            return null;
        }

        _imports += type == "IM" ? 1 : 0;
        // A row of a declaration with an unknown office is bad as it stands: the quarantine should show it here too.
        return Write(plan.DeclarationId, plan.RegistrationDate, plan.OfficeCode, type, plan.Attributes.Trader.Id,
            plan.IsKnownOffice ? null : RegisterDefect.UnknownOffice);
    }

    /// <summary>Import declarations of t − 1 and t − 2 (4% and 8% fewer than this year's), spread over each year's working days.</summary>
    public void Archive()
    {
        for (int back = 1; back <= 2; back++)
        {
            int year = _context.Year - back;
            var ids = new DeclarationIds(year);
            long count = (long)Math.Round(_imports * (1.0 - (0.04 * back)));
            for (long i = 0; i < count; i++)
            {
                OfficeProfile office = _context.OfficeChoice.Pick(_rng);
                Write(ids.Next(office.Code, "IM"), _rng.WorkingDay(year), office.Code, "IM", _context.Traders.Pick(_rng).Id, null);
            }
        }
    }

    private double Write(string id, LocalDate date, string officeCode, string regime, string traderId, RegisterDefect? defect)
    {
        double valueUsd = _rng.LogNormal(18_000, 1.1, 50, 5_000_000);
        double? dutyUsd = null;
        if (regime == "IM")
        {
            // A third of imports are duty free; the others pay 1–12%, a few (textiles, footwear) up to 25%.
            double rate = _rng.NextDouble() switch
            {
                < 0.35 => 0,
                < 0.95 => _rng.Uniform(0.01, 0.12),
                _ => _rng.Uniform(0.12, 0.25),
            };
            dutyUsd = valueUsd * rate;
        }

        string currency = Currencies.Pick(_rng, officeCode);
        _table.Text(id).Date(date).Text(officeCode).Text(regime).Text(traderId).Amount(Currencies.FromUsd(valueUsd, currency))
            .Amount(dutyUsd is { } d ? Currencies.FromUsd(d, currency) : null).Text(currency).Write(defect);
        return valueUsd;
    }
}
