using System.ComponentModel.DataAnnotations;
using Cases.Domain;
using Cases.Web.Infrastructure;
using Cases.Workflows.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
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
public sealed class AccountController(SignInManager<CasesUser> signIn) : Controller
{
    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl)
    {
        ViewData["ReturnUrl"] = returnUrl;
        return View(new LoginForm());
    }

    [HttpPost("login"), AllowAnonymous, EnableRateLimiting(RequestLimits.LoginPolicy)]
    public async Task<IActionResult> Login(LoginForm form, string? returnUrl)
    {
        ViewData["ReturnUrl"] = returnUrl;
        if (TextInput.ControlCharacter(form.UserName) is not null || TextInput.ControlCharacter(form.Password) is not null)
        {
            ModelState.AddModelError("", "用户名或密码含有无法输入的字符。");
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var result = await signIn.PasswordSignInAsync(form.UserName.Trim(), form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        ModelState.AddModelError("", result.IsLockedOut ? "登录失败次数过多，账户已暂时锁定，请稍后再试。" : "用户名或密码错误。");
        return View(form);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("denied")]
    public IActionResult Denied() => View();
}
