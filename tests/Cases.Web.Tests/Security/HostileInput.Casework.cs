using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// The valid requests of comments, attachments, notices and saved filters' API endpoints. An upload's
    /// body is the file itself (<see cref="Sample.RawBody"/>): the generated variants spoil its route and query (the file
    /// name among them); the file's own hostile forms (wrong magic number, over the size, empty, a form's content type)
    /// are tried in Cases.Web.Tests.Casework.AttachmentApiTests.
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> CaseworkSamples => new()
    {
        [new("GET", "/api/cases/{id:guid}/comments")] = app => Fixed(new("officer.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None)),
        [new("POST", "/api/cases/{id:guid}/comments")] = app => Fixed(new("officer.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None,
            Json(new { text = "已电话联系单位，补充材料下周送达" }))
        { Required = ["text"], Idempotent = true }),
        [new("GET", "/api/cases/{id:guid}/attachments")] = app => Fixed(new("officer.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None)),
        [new("POST", "/api/cases/{id:guid}/attachments")] = app => Fixed(new("officer.jinan", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), D(("fileName", "申请表.pdf")))
        {
            RawBody = (TestFiles.Pdf, "application/pdf"),
            Required = ["?fileName"],
            HostileQueries =
            [
                ("a right-to-left override (U+202E)", "fileName", "发票\u202Egpj.pdf"),
                ("a zero-width space (U+200B)", "fileName", "申请\u200B表.pdf"),
                ("a byte-order mark (U+FEFF)", "fileName", "\uFEFF申请表.pdf"),
                ("a tag character (U+E0041)", "fileName", "申请表\U000E0041.pdf"),
            ],
            HostileBodies =
            [
                ("an OFD that unpacks to 300 MB", "file", TestFiles.OfdBomb, "application/ofd"),
                ("an OFD of 1,001 entries", "file", TestFiles.OfdOfEntries(1_001), "application/ofd"),
            ],
        }),
        [new("GET", "/api/cases/{id:guid}/attachments/{attachmentId:guid}")] = async app => new("officer.jinan",
            D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString()), ("attachmentId", (await app.SharedAsync("hostile attachment", () => CaseworkSupport.UploadAsync(app, SecurityApp.Jinan))).ToString())), None),

        // 案件查询, asked by a provincial supervisor (a malformed city is a 400 naming city; a city's staff get 403 for another).
        [new("GET", "/api/cases")] = _ => Fixed(new("supervisor.province", None, D(("procedure", SecurityApp.Procedure), ("status", "running"), ("state", "await-filing"),
            ("q", "3701"), ("openedFrom", "2025-01-01"), ("openedTo", "2026-12-31"), ("city", SecurityApp.Jinan), ("limit", "10")))
        {
            Accepts = FreeText("q", "the search text is any short text: it matches a party or a case number, or nothing"),
        }),

        [new("GET", "/api/inbox/filters")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("POST", "/api/inbox/filters")] = _ => Fixed(new("officer.jinan", None, None,
            Json(new { name = "本周到期的顺延申请", procedure = SecurityApp.Procedure, sla = "warning", within = 5, sort = "priority", shareWithRole = "officer" }))
        { Required = ["name"], Idempotent = true }),
        [new("DELETE", "/api/inbox/filters/{filterId:guid}")] = async app => new("officer.jinan", D(("filterId", (await CaseworkSupport.FilterAsync(app, "officer.jinan")).ToString())), None),
    };
}
