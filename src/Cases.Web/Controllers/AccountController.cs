using Cases.Web.Forms;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.RateLimiting;

namespace Cases.Web.Controllers;

public sealed class LoginForm
{
    [Required(ErrorMessage = "请输入用户名")]
    [StringLength(100)]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "请输入密码")]
    [StringLength(200)]
    public string Password { get; set; } = "";
}

[Route("account"), Authorize]
public sealed class AccountController(SignIns signIns, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl)
    {
        ViewData["ReturnUrl"] = returnUrl;
        return View(new LoginForm());
    }

    /// <summary>
    /// Signs in as the API does (<see cref="SignIns"/>): one message for every refusal; the page after signing in tells
    /// the owner how many attempts failed since the last sign-in.
    /// </summary>
    [HttpPost("login"), AllowAnonymous, EnableRateLimiting(RequestLimits.LoginPolicy)]
    public async Task<IActionResult> Login(LoginForm form, string? returnUrl, CancellationToken ct)
    {
        ViewData["ReturnUrl"] = returnUrl;
        if (TextInput.ControlCharacter(form.UserName) is not null || TextInput.ControlCharacter(form.Password) is not null)
        {
            ModelState.AddModelError("", L["用户名或密码含有无法输入的字符。"]);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        switch (await signIns.SignInAsync(form.UserName.Trim(), form.Password, ct))
        {
            case SignInOutcome.SignedIn signedIn:
                if (signedIn.FailedAttempts > 0)
                {
                    TempData[PageMessages.SignIn] = L["自您上次登录以来，有 {0} 次登录失败的尝试。如非本人所为，请告知系统管理员。", signedIn.FailedAttempts].Value;
                }

                return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
            case SignInOutcome.AddressWaits waits:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = waits.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ModelState.AddModelError("", L["登录失败次数过多，请 {0} 秒后再试。", waits.Seconds]);
                return View(form);
            default:
                ModelState.AddModelError("", L["用户名或密码错误，或账户暂时不能登录。"]);
                return View(form);
        }
    }

    /// <summary>Ends every session of the user, on every node (docs/adr/0009).</summary>
    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIns.SignOutAsync(User);
        return RedirectToAction(nameof(Login));
    }
}
