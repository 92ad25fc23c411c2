namespace Cases.Application.Records;

/// <summary>
/// One view of a person's unmasked personal data (identity number, phone): who, when, what and why — kept for
/// auditors, since 规程 第一百四十、一百四十一条 make the agency answer for every use of the data it holds.
/// </summary>
public sealed class PersonalDataView
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string UserName { get; set; } = "";

    public string CityCode { get; set; } = "";

    /// <summary>What kind of person: worker, dependant …</summary>
    public string SubjectKind { get; set; } = "";

    /// <summary>Which person, by the key the product knows them by (e.g. the identity number).</summary>
    public string SubjectKey { get; set; } = "";

    /// <summary>The unmasked fields shown, comma-separated.</summary>
    public string Fields { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>The page or endpoint that showed it.</summary>
    public string Route { get; set; } = "";
}
