using Cases.Domain.Calendar;

namespace Cases.Domain.Tests.Calendar;

public class SolarTermsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Theory]
    [InlineData(2000, 4)]
    [InlineData(2001, 5)]
    [InlineData(2002, 5)]
    [InlineData(2003, 5)]
    [InlineData(2004, 4)]
    [InlineData(2005, 5)]
    [InlineData(2006, 5)]
    [InlineData(2007, 5)]
    [InlineData(2008, 4)]
    [InlineData(2009, 4)]
    [InlineData(2010, 5)]
    [InlineData(2011, 5)]
    [InlineData(2012, 4)]
    [InlineData(2013, 4)]
    [InlineData(2014, 5)]
    [InlineData(2015, 5)]
    [InlineData(2016, 4)]
    [InlineData(2017, 4)]
    [InlineData(2018, 5)]
    [InlineData(2019, 5)]
    [InlineData(2020, 4)]
    [InlineData(2021, 4)]
    [InlineData(2022, 5)]
    [InlineData(2023, 5)]
    [InlineData(2024, 4)]
    [InlineData(2025, 4)]
    [InlineData(2026, 5)]
    public void Qingming_falls_on_the_known_April_date(int year, int day)
    {
        Assert.Equal(new DateOnly(year, 4, day), SolarTerms.Qingming(year));
    }

    [Fact]
    public void Instant_of_Qingming_2025_is_the_published_20_48_China_time()
    {
        // 清明 2025 as published: 2025-04-04 20:48:21 (UTC+8). The instant moves about 5 h 49 min later each year
        // (the tropical year's excess over 365 days) and back a day after 29 February, so it is rarely near midnight.
        var published = new DateTimeOffset(2025, 4, 4, 20, 48, 21, China);
        var computed = SolarTerms.Instant(2025, 15);

        Assert.InRange((computed - published).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, computed.Offset);
    }

    [Theory]
    [InlineData(0, "2025-03-20T09:01:00Z")]
    [InlineData(90, "2025-06-21T02:42:00Z")]
    [InlineData(180, "2025-09-22T18:19:00Z")]
    [InlineData(270, "2025-12-21T15:03:00Z")]
    public void Instant_agrees_with_the_2025_equinoxes_and_solstices(double longitude, string published)
    {
        // The US Naval Observatory's times, to the minute.
        var expected = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((SolarTerms.Instant(2025, longitude) - expected).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData(285, 1)]   // 小寒, early January
    [InlineData(315, 2)]   // 立春, early February
    [InlineData(345, 3)]   // 惊蛰, early March
    [InlineData(-15, 3)]   // the same as 345°
    [InlineData(375, 4)]   // the same as 15°, 清明
    public void Instant_finds_the_longitude_inside_the_requested_year(double longitude, int month)
    {
        // Longitudes past 285° come before the March equinox that the search starts from; they must not be taken
        // from the following January to March.
        var instant = SolarTerms.Instant(2027, longitude).ToOffset(China);
        Assert.Equal(2027, instant.Year);
        Assert.Equal(month, instant.Month);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Instant_refuses_a_longitude_that_is_not_a_number(double longitude)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarTerms.Instant(2025, longitude));
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2151)]
    public void Instant_refuses_a_year_outside_its_delta_t_tables(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SolarTerms.Instant(year, 15));
    }
}
