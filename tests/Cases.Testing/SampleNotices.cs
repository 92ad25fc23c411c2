namespace Cases.Testing;

/// <summary>Holiday notices in the State Council's published form, for years it had not published when the tests were written.</summary>
public static class SampleNotices
{
    /// <summary>
    /// 2027: New Year through Monday 1/4 with Saturday 1/9 worked, and an eight-day Spring Festival (除夕 2/5 to 正月初七
    /// 2/12) with Saturday 2/20 worked. The notice's item lines are lines 7 and 9.
    /// </summary>
    public const string Notice2027 = """
        国务院办公厅关于2027年部分节假日安排的通知

        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

        经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。

        一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。1月9日（周六）上班。

        二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。

        国务院办公厅
        2026年11月5日
        """;
}
