using Cases.Domain.Parties;
using Cases.Workflows.Instances;

namespace Cases.Workflows.Tasks;

/// <summary>
/// The inbox's text filters, checked the same way for the tasks' list, the inbox page and a saved filter: a party (the
/// start of the party label the task carries — the name the start form gave, or the code when it gave none —, the start
/// of a registered worker's or employer's name, or a whole credit code or identity number), a case number as the pages show it (the last eight hex digits of the
/// case id) and an assignee's user name. Each is a prefix or an exact match, read while walking the scope's own index
/// (city, role, status), never a scan of every task.
/// </summary>
public static class TaskFilters
{
    public const int MaxPartyLength = 100;

    /// <summary>The length of a case number as the pages show it.</summary>
    public const int CaseNumberLength = CaseNumbers.Length;

    /// <summary>The party text, trimmed; null when empty. Refuses control characters and overlong text (400, field "party").</summary>
    public static string? Party(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (text.Length > MaxPartyLength || text.Any(char.IsControl))
        {
            throw new DomainValidationException("party", new LocalizedText(
                $"当事人须为名称开头的字、完整的统一社会信用代码或身份号码，不超过 {MaxPartyLength} 字。",
                $"party must be the start of a name, a whole credit code or a whole identity number, at most {MaxPartyLength} characters."));
        }

        return text;
    }

    /// <summary>The case number in upper case, a leading # dropped; null when empty. Refuses anything but eight hex digits (400, field "caseNumber").</summary>
    public static string? CaseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var number = text.Trim().TrimStart('#').ToUpperInvariant();
        if (number.Length != CaseNumberLength || !number.All(char.IsAsciiHexDigit))
        {
            throw new DomainValidationException("caseNumber", new LocalizedText(
                "案件编号为 8 位，由数字 0–9 和字母 A–F 组成（如 3F2A9C1B），即案件页标题中的编号。",
                "caseNumber is the 8 characters 0-9 and A-F the case page shows (e.g. 3F2A9C1B)."));
        }

        return number;
    }

    /// <summary>An assignee's user name, trimmed; null when empty. Refuses overlong text (400, field "assignee").</summary>
    public static string? Assignee(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        return text.Length <= 100 && !text.Any(char.IsControl) ? text
            : throw new DomainValidationException("assignee", new LocalizedText("经办人须为用户名或姓名，不超过 100 字。", "assignee must be a user name or display name, at most 100 characters."));
    }

    /// <summary>At most this many registered parties of a typed name are looked for in the cases' data.</summary>
    public const int MaxNamedParties = 200;

    /// <summary>
    /// The tasks of the party and the case number given (checked first by <see cref="Party"/> and <see cref="CaseNumber"/>).
    /// <paramref name="named"/> are the numbers of the registered parties whose name starts with the party text
    /// (<see cref="IPartyRegister"/>), found in the cases' data by the case's own key (<paramref name="values"/>).
    /// </summary>
    public static IQueryable<HumanTask> Apply(IQueryable<HumanTask> tasks, IQueryable<CaseValue> values, string? party, IReadOnlyCollection<string> named, string? caseNumber)
    {
        if (party is not null)
        {
            // A whole credit code or identity number is a number the case's data holds (and a credit code is whole in the
            // label, after the name when the form gave one); anything else is the start of the label — the name the form
            // gave, or the code when it gave none — or the name of a registered party whose number the data holds.
            string? number = CreditCode.TryParse(party, out var code, out _) ? code.Value : IdNumber.TryParse(party, out var id, out _) ? id.Value : null;
            if (number is not null)
            {
                var labelled = " " + number;
                tasks = tasks.Where(t => t.Party == number || t.Party.EndsWith(labelled) || values.Any(v => v.CaseId == t.CaseId && v.Text == number));
            }
            else if (named.Count == 0)
            {
                tasks = tasks.Where(t => t.Party.StartsWith(party));
            }
            else
            {
                var keys = named.ToList();
                tasks = tasks.Where(t => t.Party.StartsWith(party) || values.Any(v => v.CaseId == t.CaseId && keys.Contains(v.Text!)));
            }
        }

        if (caseNumber is not null)
        {
            // The id as text is upper case on SQLite and lower case on PostgreSQL; the number is ASCII hex.
            var lower = caseNumber.ToLowerInvariant();
            tasks = tasks.Where(t => t.CaseId.ToString().EndsWith(caseNumber) || t.CaseId.ToString().EndsWith(lower));
        }

        return tasks;
    }
}
