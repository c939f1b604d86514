using PmmEtl.Reports.Workbook;

namespace PmmEtl.Reports.Tests;

/// <summary>Area names become sheet names of at most 31 characters, cut at a word, without a dangling dash.</summary>
public sealed class SheetNamerTests
{
    [Fact]
    public void Long_area_names_are_cut_at_a_word_and_stay_unique()
    {
        var names = new SheetNamer();

        // 31 characters at most: "E-commerce FoS Standard 1 – Legal" is 33, so the cut falls before "Legal", and the
        // en dash left at the end goes too.
        Assert.Equal("I. Trade Facilitation and…", names.Unique("I. Trade Facilitation and Economic Competitiveness"));
        Assert.Equal("E-commerce FoS Standard 1…", names.Unique("E-commerce FoS Standard 1 – Legal Framework for Advance Electronic Data"));
        Assert.Equal("E-commerce FoS Standard 10…", names.Unique("E-commerce FoS Standard 10 – Communication, Public Awareness and Outreach"));
        Assert.Equal("E-commerce FoS Standard 1… (2)", names.Unique("E-commerce FoS Standard 1 – Something else"));
    }
}
