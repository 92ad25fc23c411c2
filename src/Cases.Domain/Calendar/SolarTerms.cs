namespace Cases.Domain.Calendar;

/// <summary>
/// The instants of the solar terms (节气): when the sun's apparent geocentric ecliptic longitude reaches a given
/// value. 《全国年节及纪念日放假办法》 第二条 rests on one of them: 清明节 is "农历清明当日", the China date on which
/// the longitude reaches 15°.
/// <para>
/// Method: Jean Meeus, <i>Astronomical Algorithms</i> (2nd ed., 1998), ch. 25 "higher accuracy": the Earth's
/// heliocentric longitude, latitude and radius from the abridged VSOP87 series of Appendix III (ch. 32), the
/// geocentric longitude corrected to the FK5 system, nutation in longitude by the short form of ch. 22 (good to
/// 0.5″) and aberration −20.4898″/R. The instant is found by iterating on the longitude (as ch. 27 does for the
/// equinoxes), then converted from Terrestrial Time to UT with ΔT from the Espenak–Meeus polynomials (NASA, 2006).
/// The series is good to about 1″, i.e. some 25 seconds of time; ΔT's extrapolation adds up to a minute or two late
/// in the century. That is far less than the hours by which 清明 usually misses a midnight, but a term within a few
/// minutes of midnight (China time) could fall on either date; no table can settle that before it happens either.
/// </para>
/// </summary>
public static class SolarTerms
{
    /// <summary>The years ΔT's polynomials below cover.</summary>
    private const int MinYear = 1900;

    private const int MaxYear = 2150;

    private const double J2000 = 2451545.0;

    private const double TropicalYearDays = 365.2422;

    private static readonly DateTime J2000Utc = new(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The instant (UTC) at which the sun's apparent longitude reaches the given degrees in the given Gregorian year.</summary>
    public static DateTimeOffset Instant(int year, double longitudeDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);
        if (!double.IsFinite(longitudeDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "The longitude must be a finite number of degrees.");
        }

        var target = Normalize(longitudeDegrees);

        // First guess at the mean rate from the March equinox (0°, about 20 March). Longitudes past about 285° are
        // reached in January to mid-March, so the guess goes back a year to stay inside the requested one.
        var jde = JulianDay(new DateTime(year, 3, 20, 0, 0, 0, DateTimeKind.Utc)) + (target / 360.0 * TropicalYearDays);
        if (jde >= JulianDay(new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            jde -= TropicalYearDays;
        }

        // The sun's true rate varies by ±3.4% over the year, so correcting at the mean rate gains a factor of about
        // thirty per step; eight steps bring the error far below a second.
        for (var i = 0; i < 20; i++)
        {
            var step = Signed(target - ApparentLongitude(jde)) / 360.0 * TropicalYearDays;
            jde += step;
            if (Math.Abs(step) < 1e-8)
            {
                break;
            }
        }

        var ut = jde - (DeltaTSeconds(jde) / 86400.0);
        var ticks = (long)Math.Round((ut - J2000) * TimeSpan.TicksPerDay);
        return new DateTimeOffset(J2000Utc.AddTicks(ticks), TimeSpan.Zero);
    }

    /// <summary>清明: the China (UTC+8) date on which longitude 15° is reached.</summary>
    public static DateOnly Qingming(int year) => ChinaTime.DateOf(Instant(year, 15.0));

    /// <summary>The sun's apparent geocentric longitude in degrees, [0, 360), at a Julian Ephemeris Day (TT).</summary>
    internal static double ApparentLongitude(double jde)
    {
        var tau = (jde - J2000) / 365250.0;
        var t = tau * 10.0;
        var l = Vsop87Earth.Longitude(tau) * 180.0 / Math.PI;
        var b = Vsop87Earth.Latitude(tau) * 180.0 / Math.PI;
        var r = Vsop87Earth.Radius(tau);

        // Geocentric: the sun is seen opposite the Earth's heliocentric position.
        var theta = l + 180.0;
        var beta = -b;

        // Conversion to the FK5 system (Meeus 32.3).
        var lambdaPrime = Radians(theta - (1.397 * t) - (0.00031 * t * t));
        var fk5 = (-0.09033 + (0.03916 * (Math.Cos(lambdaPrime) + Math.Sin(lambdaPrime)) * Math.Tan(Radians(beta)))) / 3600.0;

        // Nutation in longitude (Meeus ch. 22, short form) and annual aberration (Meeus 25.10).
        var omega = Radians(125.04452 - (1934.136261 * t));
        var sunMean = Radians(280.4665 + (36000.7698 * t));
        var moonMean = Radians(218.3165 + (481267.8813 * t));
        var nutation = ((-17.20 * Math.Sin(omega)) - (1.32 * Math.Sin(2 * sunMean)) - (0.23 * Math.Sin(2 * moonMean)) + (0.21 * Math.Sin(2 * omega))) / 3600.0;
        var aberration = -20.4898 / r / 3600.0;

        return Normalize(theta + fk5 + nutation + aberration);
    }

    /// <summary>
    /// ΔT = TT − UT in seconds, from the Espenak–Meeus polynomials ("Polynomial expressions for Delta T", NASA Eclipse
    /// web site, 2006), with y the decimal year at mid-month. Observed ΔT has run a few seconds below the 2005–2050
    /// polynomial since 2015; the difference moves an instant by seconds, not minutes.
    /// </summary>
    internal static double DeltaTSeconds(double jde)
    {
        var date = J2000Utc.AddDays(jde - J2000);
        var y = date.Year + ((date.Month - 0.5) / 12.0);
        if (y < 1920)
        {
            var t = y - 1900;
            return -2.79 + (1.494119 * t) - (0.0598939 * t * t) + (0.0061966 * t * t * t) - (0.000197 * t * t * t * t);
        }

        if (y < 1941)
        {
            var t = y - 1920;
            return 21.20 + (0.84493 * t) - (0.076100 * t * t) + (0.0020936 * t * t * t);
        }

        if (y < 1961)
        {
            var t = y - 1950;
            return 29.07 + (0.407 * t) - (t * t / 233.0) + (t * t * t / 2547.0);
        }

        if (y < 1986)
        {
            var t = y - 1975;
            return 45.45 + (1.067 * t) - (t * t / 260.0) - (t * t * t / 718.0);
        }

        if (y < 2005)
        {
            var t = y - 2000;
            return 63.86 + (0.3345 * t) - (0.060374 * t * t) + (0.0017275 * t * t * t) + (0.000651814 * t * t * t * t) + (0.00002373599 * t * t * t * t * t);
        }

        if (y < 2050)
        {
            var t = y - 2000;
            return 62.92 + (0.32217 * t) + (0.005589 * t * t);
        }

        var u = (y - 1820) / 100.0;
        return -20 + (32 * u * u) - (0.5628 * (2150 - y));
    }

    private static double JulianDay(DateTime utc) => J2000 + (utc - J2000Utc).TotalDays;

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;

    private static double Normalize(double degrees)
    {
        var d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    /// <summary>An angle difference brought into (−180°, 180°].</summary>
    private static double Signed(double degrees)
    {
        var d = Normalize(degrees);
        return d > 180.0 ? d - 360.0 : d;
    }
}
