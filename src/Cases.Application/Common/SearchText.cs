namespace Cases.Application.Common;

/// <summary>A search text as the searches take it (案件查询, 「当事人」): trimmed, null when blank; too long or with control characters a 400 naming q.</summary>
public static class SearchText
{
    public const int MaxLength = 100;

    public static string? Of(string? q)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > MaxLength)
        {
            throw new DomainValidationException("q", new LocalizedText($"搜索内容最多 {MaxLength} 个字符。", $"q must be at most {MaxLength} characters."));
        }

        return text.Any(char.IsControl) ? throw new DomainValidationException("q", new LocalizedText("搜索内容不能含有控制字符。", "q must not contain control characters.")) : text;
    }
}
