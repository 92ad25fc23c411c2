using Microsoft.AspNetCore.Localization;

namespace Cases.Web.Controllers;

/// <summary>The 中文 / English switch: remembers the choice in the request-localization cookie for a year and goes back.</summary>
[Route("culture")]
public sealed class CultureController : Controller
{
    private static readonly string[] Supported = ["zh-CN", "en"];

    [HttpPost(""), AllowAnonymous]
    public IActionResult Set(string? culture, string? returnUrl)
    {
        if (culture is null || !Supported.Contains(culture, StringComparer.Ordinal))
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
