using Cases.Application.Identity;

namespace Cases.Web.Api;

/// <summary>Users, roles and cities, for administrators: the same use cases as the page 「用户」 (/admin/users).</summary>
public static class AdminApi
{
    public sealed record CreateUserRequest(string? UserName, string? DisplayName, IReadOnlyList<string>? Roles, string? City, string? Password);

    public sealed record UpdateUserRequest(string? DisplayName, IReadOnlyList<string>? Roles, string? City);

    public sealed record PasswordRequest(string? Password);

    public static void MapAdminApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(Policies.Admin);

        users.MapGet("", async (ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListUsers(user.ToActor()), ct)));

        // 201 with the initial password when the product made it up: the only time anyone sees it.
        users.MapPost("", async ([FromBody] CreateUserRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new CreateUser(body.UserName, body.DisplayName, body.Roles, body.City, body.Password, user.ToActor()), ct);
            return TypedResults.Created($"/api/admin/users/{Uri.EscapeDataString(created.User.UserName)}", created);
        });

        users.MapPut("/{userName}", async (string userName, [FromBody] UpdateUserRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateUser(Name(userName), body.DisplayName, body.Roles, body.City, user.ToActor()), ct)));

        users.MapPost("/{userName}/lock", async (string userName, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserLockout(Name(userName), true, user.ToActor()), ct)));

        users.MapPost("/{userName}/unlock", async (string userName, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SetUserLockout(Name(userName), false, user.ToActor()), ct)));

        // {"password": null} (or empty): the product makes one up and answers it once.
        users.MapPost("/{userName}/password", async (string userName, [FromBody] PasswordRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ResetUserPassword(Name(userName), body.Password, user.ToActor()), ct)));
    }

    /// <summary>A user name from the route: a name that could never have been created is a 400, not a search.</summary>
    internal static string Name(string userName) => TextInput.Required(userName, "userName", "userName", 100);
}
