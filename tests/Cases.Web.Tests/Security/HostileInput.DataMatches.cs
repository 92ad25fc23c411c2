using System.Text;

namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    private const string DataMatchBoundary = "datamatch-boundary";

    /// <summary>
    /// datamatch: the import's body is a multipart form (<see cref="Sample.RawBody"/>); its own refusals name the file (not
    /// UTF-8, no columns, larger than the limit: 413) or the source. A row with a malformed identity number is no
    /// refusal: it is reported as an invalid row and the others are imported (DataMatchesTests).
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> DataMatchesSamples => new()
    {
        [new("GET", "/api/data-matches")] = _ => Fixed(new("officer.jinan", None, None)),
        [new("POST", "/api/data-matches")] = _ => Fixed(new("officer.jinan", None, None)
        {
            RawBody = (DataMatchForm("public-security", AuthorizationMatrix.DataMatchFile.Content), "multipart/form-data; boundary=" + DataMatchBoundary),
            HostileBodies =
            [
                ("a GBK file", "file", DataMatchForm("public-security", [0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0xC2, 0xEB, 0x0A]), "multipart/form-data; boundary=" + DataMatchBoundary),
                ("a file without its columns", "file", DataMatchForm("public-security", Encoding.UTF8.GetBytes("a,b\n1,2\n")), "multipart/form-data; boundary=" + DataMatchBoundary),
                ("no file", "file", DataMatchForm("public-security", null), "multipart/form-data; boundary=" + DataMatchBoundary),
                ("a source nobody knows", "source", DataMatchForm("<script>", AuthorizationMatrix.DataMatchFile.Content), "multipart/form-data; boundary=" + DataMatchBoundary),
                ("a file of 3 MB", "file", DataMatchForm("public-security", Encoding.UTF8.GetBytes("idNumber,name,event,eventOn\n" + string.Concat(Enumerable.Repeat("110101199003074477,授权矩阵,alive,2025-01-02\n", 60_000)))), "multipart/form-data; boundary=" + DataMatchBoundary),
            ],
        }),
    };

    /// <summary>A multipart form as a browser sends it: the source, and the file when there is one.</summary>
    private static byte[] DataMatchForm(string source, byte[]? file)
    {
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Write($"--{DataMatchBoundary}\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n{source}\r\n");
        if (file is not null)
        {
            Write($"--{DataMatchBoundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"match.csv\"\r\nContent-Type: text/csv\r\n\r\n");
            body.Write(file);
            Write("\r\n");
        }

        Write($"--{DataMatchBoundary}--\r\n");
        return body.ToArray();
    }
}
