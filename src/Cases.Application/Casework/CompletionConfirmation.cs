using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cases.Application.Common;
using Cases.Application.Ledgers;
using Cases.Domain.Texts;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Tasks;

namespace Cases.Application.Casework;

/// <summary>
/// Whether completing a task with this outcome and data is confirmed first on the task's page, and what the officer
/// confirms: a window that closes at once (the wait the outcome leads to has a timer already due, e.g. the objection
/// window of 第二十二条 counted from a notice received long ago — the employer's right to object would be gone within
/// a minute), or a payment the outcome approves (a ledger posting of money paid out, 第九十、九十三条), with its amount
/// in figures and in capitals. The runtime says what the completion does (<see cref="PreviewCompletion"/>: the
/// definition is the only source); this query says whether it needs a confirmation and in which words.
/// </summary>
public sealed record GetCompletionConfirmation(Guid TaskId, string Outcome, JsonObject? Data, Actor By) : IQuery<CompletionConfirmation>;

/// <summary>A window a completion closes at once.</summary>
/// <param name="Window">The wait's title (异议期).</param>
/// <param name="ClosedOn">The window's last day, passed.</param>
/// <param name="Destination">The title of the state the case then comes to rest in.</param>
/// <param name="Ends">Whether that state ends the case (办结) rather than moving it on (转入).</param>
public sealed record WindowClosing(LocalizedText Window, DateOnly ClosedOn, LocalizedText Destination, bool Ends);

/// <summary>A payment a completion approves.</summary>
/// <param name="Amount">The amount the ledger posting pays out, as it will be posted.</param>
/// <param name="Words">The amount in Chinese capitals and in English words (<see cref="AmountInWords"/>).</param>
/// <param name="Payee">Who is paid: the worker by name when the case names one, else the worker of the injury case.</param>
public sealed record PaymentApproval(decimal Amount, LocalizedText Words, LocalizedText Payee);

/// <summary>A date the completion sets (the target's <c>set</c>), with its label.</summary>
public sealed record SetDate(LocalizedText Label, DateOnly Date);

/// <summary>
/// What a completion needs confirmed. <see cref="Token"/> ties a confirmation to what was shown: the task, the outcome
/// and the data; a page sends it back with the confirmed post, and a changed value asks again.
/// </summary>
public sealed record CompletionConfirmation(string Token, WindowClosing? Closing, PaymentApproval? Payment, IReadOnlyList<SetDate> Dates)
{
    /// <summary>Whether the completion is confirmed before it is sent.</summary>
    public bool Needed => Closing is not null || Payment is not null;
}

public sealed class CompletionConfirmationHandler(IMediator mediator, CasesDb db, DefinitionStore definitions)
    : IQueryHandler<GetCompletionConfirmation, CompletionConfirmation>
{
    public async ValueTask<CompletionConfirmation> Handle(GetCompletionConfirmation query, CancellationToken cancellationToken)
    {
        var token = Token(query.TaskId, query.Outcome, query.Data);
        var forecast = await mediator.Send(new PreviewCompletion(query.TaskId, query.Outcome, query.Data, query.By), cancellationToken);
        if (forecast is null)
        {
            return new CompletionConfirmation(token, null, null, []);
        }

        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == query.TaskId)
            .Join(db.Instances.AsNoTracking(), t => t.InstanceId, i => i.Id, (t, i) => new { t.CaseId, i.DefinitionKey, i.DefinitionVersion })
            .SingleAsync(cancellationToken);
        var definition = await definitions.GetAsync(db, task.DefinitionKey, task.DefinitionVersion, cancellationToken);
        var dates = forecast.Dates
            .Select(d => new SetDate(definition.Data.GetValueOrDefault(d.Field)?.Label ?? new LocalizedText(d.Field, d.Field), d.Date.DueOn))
            .ToList();

        WindowClosing? closing = null;
        if (forecast.Closed.Count > 0)
        {
            var first = forecast.Closed[0];
            var rests = definition.States[forecast.Rests];
            closing = new WindowClosing(Title(definition, first.State), first.Due.DueOn, Title(definition, forecast.Rests), rests.Kind == StateKind.End);
        }

        PaymentApproval? payment = null;
        var paid = forecast.Effects.OfType<LedgerPlan>().Where(p => !p.CheckOnly && LedgerKinds.PaysOut(p.Ledger, p.Entry)).ToList();
        if (paid.Count > 0)
        {
            var amount = paid.Sum(p => p.Amount);
            var party = (await Names.PartiesAsync(db, query.By, [task.CaseId], cancellationToken)).GetValueOrDefault(task.CaseId);
            var payee = party is { Kind: PartyLabel.Worker }
                ? new LocalizedText(party.Name, party.Name)
                : new LocalizedText($"工伤案件 {paid[0].InjuryCaseId} 的工伤职工", $"the injured worker of injury case {paid[0].InjuryCaseId}");
            payment = new PaymentApproval(amount, new LocalizedText(AmountInWords.Chinese(amount), AmountInWords.English(amount)), payee);
        }

        return new CompletionConfirmation(token, closing, payment, dates);
    }

    private static LocalizedText Title(WorkflowDefinition definition, string state) =>
        definition.States.GetValueOrDefault(state)?.Title is { } title && title.Zh.Length > 0 ? title : new LocalizedText(state, state);

    /// <summary>A digest of what is confirmed: the task, the outcome and the data as posted (a changed value gives another).</summary>
    private static string Token(Guid taskId, string outcome, JsonObject? data)
    {
        var text = $"{taskId:N}\n{outcome}\n{data?.ToJsonString() ?? "{}"}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }
}
