using NodaTime;
using PmmEtl.DemoSource.Generation;
using PmmEtl.DemoSource.Storage;

namespace PmmEtl.DemoSource.Records;

/// <summary>
/// Interest assessed on late or short payment of import duties: on a few of the year's import declarations, a month
/// or more after lodgement, and early in the year on declarations of the year before (no declaration of this year).
/// Charges paid after the year's end are still unpaid in the extract.
/// </summary>
internal sealed class InterestCharges
{
    private readonly RegisterContext _context;
    private readonly Random _rng;
    private readonly RegisterTable _table;
    private readonly SequenceIds _ids;

    public InterestCharges(RegisterContext context)
    {
        _context = context;
        _rng = context.Random("interest_charge");
        _ids = new SequenceIds("INT", context.Year, 6);
        _table = context.Table("interest_charge", context.PerDeclaration(0.0015, 1),
            DefectColumn.Code("reason", "XX", "LT"), DefectColumn.Date("assessed_on", context.Year));
    }

    public void Follow(DeclarationPlan plan)
    {
        if (plan.Attributes.Type != "IM" || !_rng.Chance(0.006))
        {
            return;
        }

        LocalDate assessed = plan.RegistrationDate.PlusDays(_rng.Next(20, 91));
        if (assessed <= _context.LastDay)
        {
            Write(assessed, plan.Attributes.Trader.Id, plan.DeclarationId, plan.OfficeCode);
        }
    }

    /// <summary>Charges of January to March on last year's declarations.</summary>
    public void OnLastYearsDeclarations()
    {
        int count = _context.PerDeclaration(0.0015, 3);
        for (int i = 0; i < count; i++)
        {
            LocalDate assessed = _rng.DayBetween(_context.FirstDay, new LocalDate(_context.Year, 3, 31));
            Write(assessed, _context.Traders.Pick(_rng).Id, null, _context.OfficeChoice.Pick(_rng).Code);
        }
    }

    private void Write(LocalDate assessed, string importerId, string? declarationId, string officeCode)
    {
        LocalDate paid = assessed.PlusDays(_rng.Next(0, 46));
        string currency = Currencies.Pick(_rng, officeCode);
        double amount = Currencies.FromUsd(_rng.LogNormal(180, 1.1, 5, 50_000), currency);
        _table.Text(_ids.Next()).Date(assessed).Text(importerId).Text(declarationId).Date(paid <= _context.LastDay ? paid : null)
            .Amount(amount).Text(currency).Text(_rng.Chance(0.7) ? "LP" : "SP").Write();
    }
}
