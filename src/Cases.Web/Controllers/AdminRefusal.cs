using Cases.Domain;
using Cases.Domain.Calendar;

namespace Cases.Web.Controllers;

/// <summary>The refusals the administrator's pages show (the field, and why); anything else is a fault for the error handler.</summary>
internal static class AdminRefusal
{
    /// <summary>
    /// The field and the message of an expected refusal, or null. A message may quote what was typed: a page (and the
    /// one-line message cookie after a redirect) shows at most a few hundred characters of it.
    /// </summary>
    public static (string Field, string Message)? Of(Exception e) => e switch
    {
        DomainValidationException v => Bounded(v.Field, v.Message),
        CalendarYearMissingException m => Bounded("", m.Message),
        DomainRuleException r => Bounded("", r.Message),
        ConflictException c => Bounded("", c.Message),
        NotFoundException n => Bounded("", n.Message),
        ForbiddenException f => Bounded("", f.Message),
        _ => null,
    };

    private static (string, string) Bounded(string field, string message) =>
        (field.Length > 100 ? field[..100] : field, message.Length > 300 ? message[..300] + "…" : message);
}
