using System.Globalization;

namespace Cases.Domain;

/// <summary>
/// Text in the two languages of the product: Chinese (the default of every page and answer) and English (the switch,
/// or <c>Accept-Language: en</c>). A definition's titles and labels are read into it; a refusal, a validation message or
/// a rule's message is written as one where it is raised, so that whoever shows it picks the reader's language.
/// </summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The reader asked for English (the current UI culture's language is "en"); any other culture reads Chinese.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the current UI culture's language; a side left empty falls back to the other.</summary>
    public string Current => English ? (En.Length > 0 ? En : Zh) : (Zh.Length > 0 ? Zh : En);

    /// <summary>Both languages, for a log or a journal entry read by either reader ("中文 / English").</summary>
    public string Both => Zh == En || En.Length == 0 ? Zh : Zh.Length == 0 ? En : $"{Zh} / {En}";

    /// <summary>The text in the current UI culture's language (see <see cref="Current"/>).</summary>
    public override string ToString() => Current;
}
