using Cases.Domain.Catalogues;

namespace Cases.Application.Catalogues;

/// <summary>
/// One applied import of a catalogue: its items are in force from <see cref="EffectiveFrom"/> until the next version of
/// the same catalogue. The row is also the administrators' audit of the change (who, when, why, which file, what it
/// changed), as <see cref="ParameterChange"/> is for the parameter table (规程 第一百二十条 留痕可溯).
/// </summary>
public sealed class CatalogueVersion
{
    public Guid Id { get; set; }

    public CatalogueKind Catalogue { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The document the file comes from (e.g. "国家基本医疗保险、工伤保险和生育保险药品目录（2025年）").</summary>
    public string Title { get; set; } = "";

    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the rows as read (hex), so the same list imported again is recognised whatever its line ends.</summary>
    public string ContentHash { get; set; } = "";

    public int Items { get; set; }

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Removed { get; set; }

    public string Reason { get; set; } = "";

    public string AppliedBy { get; set; } = "";

    public DateTimeOffset AppliedAt { get; set; }
}
