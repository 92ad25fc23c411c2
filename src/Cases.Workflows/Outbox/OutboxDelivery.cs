using Hangfire;
using Microsoft.Extensions.Logging;

namespace Cases.Workflows.Outbox;

/// <summary>
/// Delivers one notification (第九十四条: SMS, the online service hall …). Replace the default to send for real;
/// throw to have the message retried.
/// </summary>
public interface IOutboxSender
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>
/// The default sender: writes each notification to the log, with every identity, mobile and bank card number in its
/// recipient and payload masked (a log is read by operators and shipped elsewhere: 规程 第一百四十条).
/// </summary>
public sealed class LoggingOutboxSender(ILogger<LoggingOutboxSender> log) : IOutboxSender
{
    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        log.LogInformation("Notification {Template} to {Recipient} (city {City}, case {Case}): {Payload}",
            message.Template, Cases.Domain.Privacy.PersonalDataMask.Label(message.Recipient, full: false), message.CityCode, message.CaseId, Cases.Domain.Privacy.PersonalDataMask.Text(message.PayloadJson));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Sends pending outbox rows, oldest first, and marks them sent. At-least-once: a node that dies between sending
/// and marking sends that message again, so senders should pass the message id on for de-duplication. A message
/// that keeps failing is marked failed after <see cref="MaxAttempts"/> tries and stays visible to operators.
/// </summary>
public sealed class OutboxDelivery(IWorkflowDb db, IOutboxSender sender, TimeProvider clock, ILogger<OutboxDelivery> log)
{
    public const string JobId = "outbox-delivery";
    public const int MaxAttempts = 5;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 30)]
    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        var sent = 0;
        var batch = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.CreatedAt).Take(200).ToListAsync(ct);
        foreach (var message in batch)
        {
            message.Attempts++;
            try
            {
                await sender.SendAsync(message, ct);
                message.Status = OutboxStatus.Sent;
                message.SentAt = clock.GetUtcNow();
                sent++;
            }
#pragma warning disable CA1031 // Any sender failure is recorded on the message and retried; delivery goes on with the next one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                if (message.Attempts >= MaxAttempts)
                {
                    message.Status = OutboxStatus.Failed;
                }

                log.LogWarning(e, "Notification {Id} failed (attempt {Attempt})", message.Id, message.Attempts);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node delivered it meanwhile.
                db.ChangeTracker.Clear();
            }
        }

        return sent;
    }
}
