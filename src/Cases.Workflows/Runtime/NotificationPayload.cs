namespace Cases.Workflows.Runtime;

/// <summary>
/// The case data a notification carries: the fields its definition names, as they stand when it is written. A letter
/// states values, not only that something happened (第九十四条) — a notice of a floating rate states the rate, the month
/// it applies from and the last day to object (第二十二条).
/// </summary>
public static class NotificationPayload
{
    /// <summary>Adds each named field's current value (null when the case has none yet) to <paramref name="payload"/>.</summary>
    public static JsonObject With(JsonObject payload, CaseData data, IEnumerable<string>? fields)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(data);
        foreach (var field in fields ?? [])
        {
            payload[field] = data[field]?.DeepClone();
        }

        return payload;
    }

    /// <summary>The fields of a comma-separated list, as the <c>fields</c> parameter of an action names them.</summary>
    public static IEnumerable<string> Named(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
