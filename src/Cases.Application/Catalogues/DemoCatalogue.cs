using Cases.Domain.Catalogues;

namespace Cases.Application.Catalogues;

/// <summary>
/// A small demo of the three catalogues (Development only), in force from 2024-01-01 (the day the 规程 came into force), so
/// the bill review works out of the box: real-looking items across the catalogues and classes. The agency loads the
/// official lists with the import (「管理 › 三目录」); these rows are illustrations, not the official lists.
/// </summary>
public static class DemoCatalogue
{
    public static readonly DateOnly EffectiveFrom = new(2024, 1, 1);

    private const string Header = "编码,名称,类别,自付比例,限价,单位\n";

    /// <summary>The demo's CSV of one catalogue (the import's own format).</summary>
    public static string Csv(CatalogueKind kind) => Header + kind switch
    {
        CatalogueKind.Drugs => """
            XJ01DCA058A001,注射用头孢呋辛钠,乙,10,,支
            XJ01CRA137A001,注射用阿莫西林钠克拉维酸钾,乙,10,,支
            XB05BAA021B002,氯化钠注射液,甲,,,瓶
            XB05BAG097B002,葡萄糖注射液,甲,,,瓶
            XN02BEA011A001,布洛芬缓释胶囊,甲,,,粒
            XM01ABD051E001,双氯芬酸钠缓释片,乙,10,,片
            XJ06AAP011B002,破伤风抗毒素注射液,甲,,,支
            XB01ABA010B002,低分子量肝素钙注射液,乙,10,,支
            XN01BBL039B002,盐酸利多卡因注射液,甲,,,支
            XA02BCA001E001,奥美拉唑肠溶胶囊,乙,5,,粒
            """,
        CatalogueKind.TreatmentItems => """
            120400001,静脉输液,甲,,,次
            250101001,血细胞分析（血常规）,甲,,,次
            310701001,常规心电图检查,甲,,,次
            210102015,X线计算机体层（CT）平扫,乙,10,,部位
            210103001,磁共振平扫,乙,10,,部位
            331601001,清创缝合术,甲,,,次
            331501022,骨折切开复位内固定术,乙,10,,次
            340100004,康复评定,甲,,,次
            340200001,运动疗法,甲,,,次
            340200010,作业疗法,甲,,,次
            480000001,高压氧治疗,乙,20,,次
            311400010,美容缝合,丙,,,次
            """,
        _ => """
            110900001,普通病房床位费（三人间）,甲,,50,日
            110900002,普通病房床位费（双人间）,甲,,70,日
            110900005,特需病房床位费（单人间）,丙,,,日
            111000001,一级护理,甲,,30,日
            111000002,二级护理,甲,,20,日
            110200001,住院诊查费,甲,,20,日
            """,
    };

    /// <summary>Loads the demo's three catalogues when no catalogue has been loaded (each a version applied by the seed).</summary>
    public static async Task RunAsync(CasesDb db, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (await db.Set<CatalogueVersion>().AnyAsync(ct))
        {
            return;
        }

        foreach (var kind in new[] { CatalogueKind.Drugs, CatalogueKind.TreatmentItems, CatalogueKind.InpatientServices })
        {
            var file = CatalogueCsv.Read(kind, EffectiveFrom, Csv(kind));
            if (file.Errors.Count > 0)
            {
                throw new InvalidOperationException($"The demo {kind} catalogue does not read: {file.Errors[0].Message}");
            }

            var version = new CatalogueVersion
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Catalogue = kind,
                EffectiveFrom = EffectiveFrom,
                Title = kind.Title().Zh + "（演示）",
                FileName = $"demo-{kind.Code()}.csv",
                ContentHash = file.Hash,
                Items = file.Items.Count,
                Added = file.Items.Count,
                Reason = "演示数据",
                AppliedBy = "system:seed",
                AppliedAt = clock.GetUtcNow(),
            };
            db.Set<CatalogueVersion>().Add(version);
            foreach (var item in file.Items)
            {
                item.BelongTo(version.Id);
                db.Set<CatalogueItem>().Add(item);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
