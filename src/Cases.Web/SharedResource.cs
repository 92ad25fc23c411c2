namespace Cases.Web;

/// <summary>
/// The pages' shared string table: views write the Chinese text (the default culture) as the key, and
/// Resources/SharedResource.en.resx holds its English. A key with no English entry shows in Chinese.
/// </summary>
public sealed class SharedResource;
