using Cases.Workflows.Timers;

namespace Cases.Web.Api;

/// <summary>
/// The test clock, mapped only when <c>Clock:AllowOverride=true</c> (never in Production): move the app's time and
/// fire every timer that is due, for demos, training and black-box tests.
/// </summary>
public static class DevApi
{
    public sealed record SetClockRequest(DateTimeOffset? Now);

    public static void MapDevApi(this RouteGroupBuilder api, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>("Clock:AllowOverride"))
        {
            return;
        }

        var dev = api.MapGroup("/dev").WithTags("Test clock").RequireAuthorization(Policies.Operations);
        dev.MapGet("/clock", (TimeProvider clock) => TypedResults.Ok(new { now = clock.GetUtcNow() }));
        dev.MapPut("/clock", ([FromBody] SetClockRequest body, AdjustableClock clock) =>
        {
            clock.Set(body.Now ?? throw new DomainValidationException("now", new LocalizedText("请填写 now（带时区的时间），如 2025-10-20T09:00:00+08:00。", "now is required, e.g. 2025-10-20T09:00:00+08:00.")));
            return TypedResults.Ok(new { now = clock.GetUtcNow() });
        });
        dev.MapPost("/timers/run-due", async (TimerFiring firing, CancellationToken ct) =>
        {
            var fired = new List<FiredTimer>();
            // Firing can arm timers that are already due (a clock moved far ahead): run until nothing is left.
            for (var round = 0; round < 20; round++)
            {
                var batch = await firing.RunDueAsync(1000, ct);
                if (batch.Count == 0)
                {
                    break;
                }

                fired.AddRange(batch);
            }

            return TypedResults.Ok(new { fired = fired.Count, timers = fired });
        });
    }
}
