using System.Globalization;
using Cases.Domain.Parties;

namespace Cases.Web.Tests.Support;

/// <summary>Valid, unique credit codes and identity numbers, built with the product's own check-character rules.</summary>
internal static class TestParties
{
    private static int _next = Random.Shared.Next(0, 500_000);

    /// <summary>An enterprise credit code registered in <paramref name="cityCode"/>, unique in this test run.</summary>
    public static string NewCreditCode(string cityCode = "370100")
    {
        var serial = Interlocked.Increment(ref _next).ToString("D9", CultureInfo.InvariantCulture);
        var body = "91" + cityCode + serial;
        return body + CreditCode.ComputeCheckCharacter(body);
    }

    /// <summary>An identity number of region 370102, unique in this test run; born between 1970 and 1997.</summary>
    public static string NewIdNumber(string region = "370102")
    {
        var n = Interlocked.Increment(ref _next);
        var birth = new DateOnly(1970, 1, 1).AddDays(n % 10_000);
        var body = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n % 1000).ToString("D3", CultureInfo.InvariantCulture);
        return body + IdNumber.ComputeCheckDigit(body);
    }

    /// <summary>The same 17 characters with a check character that is wrong for them.</summary>
    public static string WithWrongCheck(string value) => value[..17] + (value[17] == '1' ? '2' : '1');
}
