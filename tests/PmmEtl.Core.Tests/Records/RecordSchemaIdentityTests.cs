using PmmEtl.Core.Records;

namespace PmmEtl.Core.Tests.Records;

/// <summary>A record type keys dictionaries (a source's register files): its hash must not move when its layout is first built.</summary>
public sealed class RecordSchemaIdentityTests
{
    [Fact]
    public void A_type_is_found_under_its_key_after_its_layout_was_built()
    {
        RecordSchema service = RecordTypes.Service;
        // A fresh instance, so nothing is cached yet (the catalogue's own may have been used by another test).
        var fresh = new RecordSchema
        {
            Name = service.Name, Table = service.Table, Description = service.Description, Key = service.Key, Fields = service.Fields,
            DateField = service.DateField, OfficeField = service.OfficeField,
        };
        var files = new Dictionary<RecordSchema, string> { [fresh] = "service.csv" };

        Assert.NotEmpty(fresh.Layout);

        Assert.True(files.ContainsKey(fresh));
        Assert.NotEqual(fresh, service); // two types are two, whatever their fields
        Assert.Equal(fresh, fresh);
    }
}
