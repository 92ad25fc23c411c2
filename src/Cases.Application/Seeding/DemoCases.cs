using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Domain.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cases.Application.Seeding;

/// <summary>
/// Development only: cases of every built procedure in several states, opened and moved through the same commands
/// officers use, with dates around today, so that a new user sees a living inbox (claimable, claimed, overdue) on the
/// first run. A case whose clocks would reach a year the calendar has no data for is skipped with a warning.
/// </summary>
public static class DemoCases
{
    private static readonly Actor JinanOfficer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor JinanReviewer = new("reviewer.jinan", "370100", new HashSet<string> { Roles.Reviewer });
    private static readonly string[] ApplicationOnly = ["written-application"];
    private static readonly string[] ReferralPapers = ["application", "referral-opinion"];
    private static readonly string[] TransferApplicationOnly = ["application"];
    private static readonly string[] TrafficPapers = ["accident-liability-finding", "civil-compensation-mediation", "medical-invoices"];
    // A traffic accident decided by a court: the liability finding and the judgment (第八十九条（一）（三）).
    private static readonly string[] TrafficJudgedPapers = ["accident-liability-finding", "court-judgment", "medical-invoices"];
    // The police's proof obtained from the police through information sharing (第八十九条: 无需重复提供).
    private static readonly object[] ViolenceProofShared = [new { key = "violence-proof", sharedFrom = "济南市公安局" }];
    // The injured workers and their employers the demo cases name (registered by DemoSeed), so that their lists show a name.
    private static readonly (string workerIdNumber, string employerCreditCode) Wang = ("370102198503120011", "91370100MA3C4E5F61");
    private static readonly (string workerIdNumber, string employerCreditCode) Li = ("370105197811020041", "91370100MA3C4E5F61");
    private static readonly (string workerIdNumber, string employerCreditCode) Zhao = ("37020319880420005X", "91370200MA3D7K8P21");
    private static readonly string[] BenefitsPapers = ["application", "appraisal-conclusion", "account"]; // Benefits
    private static readonly string[] ReimbursementPapers = ["receipts", "cost-list", "medical-records"]; // Benefits
    private static readonly string[] SubsidyPapers = ["application", "termination-proof", "account"]; // Benefits
    private static readonly string[] DeathPapers = ["application", "death-papers", "designated-account", "relationship-proof", "pension-pledge", "dependant-accounts"]; // Benefits
    private static readonly string[] ChangeApplicationOnly = ["change-application"]; // employers
    private static readonly Actor QingdaoOfficer = new("officer.qingdao", "370200", new HashSet<string> { Roles.Officer });

    // Looks up a case's open task without seeing its personal data: nobody viewed it, so nothing goes to the access log.
    private static readonly Actor Seeder = new("demo-seed", null, new HashSet<string> { Roles.Supervisor });

    public static async Task RunAsync(IServiceProvider services, ILogger log)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<CasesDb>().Cases.AnyAsync())
            {
                return;
            }
        }

        var today = ChinaTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var month = today.AddMonths(-4).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var opened = 0;

        async Task Case(string what, Func<IMediator, Task> steps)
        {
            await using var scope = services.CreateAsyncScope();
            try
            {
                await steps(scope.ServiceProvider.GetRequiredService<IMediator>());
                opened++;
            }
            catch (CalendarYearMissingException e)
            {
                log.LogWarning("Demo case '{What}' skipped: {Reason}", what, e.Message);
            }
        }

        static JsonObject Json(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!.AsObject();

        async Task<Guid> Start(IMediator m, string procedure, object data, Actor? by = null) =>
            (await m.Send(new StartCase(procedure, (by ?? JinanOfficer).CityCode, Json(data), by ?? JinanOfficer))).CaseId;

        async Task<Guid> OpenTask(IMediator m, Guid caseId) =>
            (await m.Send(new GetCase(caseId, Seeder))).OpenTasks.Single().Id;

        var rate = new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = month };
        await Case("rate notice, claimable", m => Start(m, "fee-rate-objection", new { rate.employerCreditCode, rate.previousRate, rate.newRate, rate.effectiveFrom, adjustedOn = Day(-2) }));
        await Case("rate notice, overdue", m => Start(m, "fee-rate-objection", new { rate.employerCreditCode, rate.previousRate, rate.newRate, rate.effectiveFrom, adjustedOn = Day(-25) }));
        await Case("rate objection window", async m =>
        {
            var id = await Start(m, "fee-rate-objection", new { rate.employerCreditCode, rate.previousRate, rate.newRate, rate.effectiveFrom, adjustedOn = Day(-12) });
            await m.Send(new CompleteTask(await OpenTask(m, id), "notified", Json(new { noticeReceivedOn = Day(-3) }), JinanOfficer));
        });

        var worker = new { workerIdNumber = "370102198503120011", injuryCaseId = DemoInjuries.Id(1), rehabStartsOn = Day(-80), institution = "山东省工伤康复医院" };
        await Case("rehab window open", m => Start(m, "rehab-extension", new { worker.workerIdNumber, worker.injuryCaseId, worker.rehabStartsOn, rehabEndsOn = Day(8), worker.institution }));
        await Case("rehab application under review, claimed", async m =>
        {
            var id = await Start(m, "rehab-extension", new { worker.workerIdNumber, injuryCaseId = DemoInjuries.Id(2), worker.rehabStartsOn, rehabEndsOn = Day(5), worker.institution });
            await m.Send(new RecordEvent(id, "application", Json(new { receivedOn = Day(0), requestedEndsOn = Day(60), institutionOpinion = "关节活动度仍在改善，建议延长康复" }), JinanOfficer));
            await m.Send(new ClaimTask(await OpenTask(m, id), JinanOfficer));
        });

        // Projects: the term extension starts from the registered project (version 3: its contractor and contract
        // period come from the register, 第九条).
        await Case("project insured", m => Start(m, "project-term-extension", new { projectCode = "JS3701002026-D01" }));

        var referral = new
        {
            hospital = "济南市第四人民医院", issuedOn = Day(-2), destinationHospital = "北京积水潭医院",
            destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术",
        };
        await Case("transfer to review", m => Start(m, "transfer-approval", new { injuryCaseId = DemoInjuries.Id(3), Wang.workerIdNumber, Wang.employerCreditCode, appliedOn = Day(-1), referral, materialsReceived = ReferralPapers }));
        await Case("transfer filed, trip under way", async m =>
        {
            var id = await Start(m, "transfer-approval", new { injuryCaseId = DemoInjuries.Id(4), Li.workerIdNumber, Li.employerCreditCode, appliedOn = Day(-6), referral, materialsReceived = ReferralPapers });
            await m.Send(new CompleteTask(await OpenTask(m, id), "filed", Json(new { reviewNote = "转诊意见齐全", filedOn = Day(-5) }), JinanOfficer));
        });
        await Case("Qingdao transfer", m => Start(m, "transfer-approval", new { injuryCaseId = DemoInjuries.Id(201), Zhao.workerIdNumber, Zhao.employerCreditCode, appliedOn = Day(-1), referral, materialsReceived = TransferApplicationOnly }, QingdaoOfficer));

        var liableParty = new { name = "济南恒达建材有限公司", creditCode = "91370100MA3C4E5F61" };
        string[] allEmployerPapers = ["written-application", "injury-decision", "enforcement-suspended-employer"];
        // 令15号 第七条: an employer that refuses is urged in writing first, within 3 working days of the application.
        await Case("advance payment: urge the employer", m => Start(m, "advance-payment", new
        {
            variant = "employer-refuses", appliedOn = Day(-1), injuryCaseId = DemoInjuries.Id(5), Wang.workerIdNumber, Wang.employerCreditCode, claimItems = new[] { new { kind = "medical", amount = 52000m }, new { kind = "one-off-disability", amount = 34500m } }, liableParty, materialsReceived = allEmployerPapers,
        }));
        await Case("advance payment waiting for papers", async m =>
        {
            var id = await Start(m, "advance-payment", new
            {
                variant = "third-party-unpaid", appliedOn = Day(-2), injuryCaseId = DemoInjuries.Id(6), Li.workerIdNumber, Li.employerCreditCode, claimItems = new[] { new { kind = "medical", amount = 23800m } }, liableParty = new { name = "肇事车辆驾驶人（未查明）" },
                thirdPartyIdentified = false, materialsReceived = ApplicationOnly,
            });
            await m.Send(new CompleteTask(await OpenTask(m, id), "missing-materials", Json(new { reviewNote = "请补充公安机关出具的无法确定第三人的证明" }), JinanOfficer));
        });

        async Task<Guid> Advanced(IMediator m, string injuryCaseId, decimal amount, int advancedDaysAgo, int demandDaysAgo)
        {
            var appliedDaysAgo = advancedDaysAgo + 15;
            // Urged the day it was applied for; the 5 working days of the demand (令15号 第七条) have passed unpaid, so the
            // timer brings the case to review (第八条). Each step in its own scope: the sweep moves the case under the
            // feet of a unit of work that read it.
            Guid id;
            await using (var applied = services.CreateAsyncScope())
            {
                var first = applied.ServiceProvider.GetRequiredService<IMediator>();
                id = await Start(first, "advance-payment", new { variant = "employer-refuses", appliedOn = Day(-appliedDaysAgo), injuryCaseId, Wang.workerIdNumber, Wang.employerCreditCode, claimItems = new[] { new { kind = "medical", amount } }, liableParty, materialsReceived = allEmployerPapers });
                await first.Send(new CompleteTask(await OpenTask(first, id), "urged", Json(new { urgedOn = Day(-appliedDaysAgo) }), JinanOfficer));
            }

            await using (var timers = services.CreateAsyncScope())
            {
                await timers.ServiceProvider.GetRequiredService<Cases.Workflows.Timers.TimerFiring>().RunDueAsync(500, CancellationToken.None);
            }

            await m.Send(new CompleteTask(await OpenTask(m, id), "recommend", Json(new { reviewNote = "材料齐全，用人单位经仲裁、诉讼后仍拒不支付" }), JinanOfficer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "approved", Json(new { approvedAmount = amount, advancedOn = Day(-advancedDaysAgo) }), JinanReviewer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "issued", Json(new { demandIssuedOn = Day(-demandDaysAgo) }), JinanOfficer));
            return id;
        }

        await Case("advance payment in recovery, partly repaid", async m =>
        {
            var id = await Advanced(m, DemoInjuries.Id(7), 60000m, 12, 5);
            await m.Send(new RecordEvent(id, "repayment", Json(new { repaymentAmount = 15000m, repaidOn = Day(-3) }), JinanOfficer));
        });
        // Its repayment date passed: the sweep at start-up moves it to a supervisor's escalation.
        await Case("advance payment overdue", m => Advanced(m, DemoInjuries.Id(8), 42000m, 50, 45));

        await Case("third-party top-up to approve", async m =>
        {
            var id = await Start(m, "third-party-reimbursement", new
            {
                injuryCaseId = DemoInjuries.Id(9), Wang.workerIdNumber, Wang.employerCreditCode, accidentType = "traffic", compensationDecidedBy = "accident-authority-mediation", eligibleMedicalCost = 31250.40m,
                materialsReceived = TrafficPapers,
            });
            await m.Send(new CompleteTask(await OpenTask(m, id), "complete", Json(new
            {
                splitUnclear = false, eligibleMedicalCost = 31250.40m, compensatedMedicalAmount = 18000m,
                invoices = new[] { new { number = "37010025A0012345", amount = 21250.40m }, new { number = "37010025A0012346", amount = 10000m } },
            }), JinanOfficer));
        });
        // Paid, so that the third-party medical ledger (第九十条) on 「台账」 has a top-up and its invoices on the first run.
        await Case("third-party top-up paid", async m =>
        {
            var id = await Start(m, "third-party-reimbursement", new
            {
                injuryCaseId = DemoInjuries.Id(11), Li.workerIdNumber, Li.employerCreditCode, accidentType = "traffic", compensationDecidedBy = "court-judgment", eligibleMedicalCost = 15680.50m,
                materialsReceived = TrafficJudgedPapers,
            });
            await m.Send(new CompleteTask(await OpenTask(m, id), "complete", Json(new
            {
                splitUnclear = false, eligibleMedicalCost = 15680.50m, compensatedMedicalAmount = 9000m,
                invoices = new[] { new { number = "37010025A0020871", amount = 12680.50m }, new { number = "37010025A0020872", amount = 3000m } },
            }), JinanOfficer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "paid", Json(new { paidOn = Day(-4) }), JinanReviewer));
        });
        await Case("third-party claim to check", m => Start(m, "third-party-reimbursement", new
        {
            injuryCaseId = DemoInjuries.Id(10), Wang.workerIdNumber, Wang.employerCreditCode, accidentType = "violence", compensationDecidedBy = "other", eligibleMedicalCost = 8600m,
            materialsReceived = ViolenceProofShared,
        }));

        // Projects: a general contractor's 第九条 registration waiting for the officer's check; the business licence
        // came through the market regulator's shared data (第九条: 行政审批、住建等部门共享), the rest on paper.
        await Case("project registration to check", m => Start(m, "project-registration", new
        {
            projectCode = "JS3701002026-D03", name = "济南市历城区唐冶片区安置房（三期）工程", generalContractorCreditCode = "91370100MA3C4E5F61",
            contractNumber = "JSGC-HT-2026-0042", awardNotice = "winning-bid", contractStartsOn = Day(20), contractEndsOn = Day(560),
            totalCost = 128_600_000m, workStarted = false, subcontracted = true, receivedOn = Day(0),
            materialsReceived = new object[]
            {
                "construction-contract", "award-notice", "subcontracts",
                new { key = "business-licence", sharedFrom = "市场监督管理局" },
            },
        }));
        // People: 张三's cases — a rehabilitation window and a transfer under review — named by his number and his injury case.
        var zhang = new { workerIdNumber = PeopleDemo.WorkerIdNumber, employerCreditCode = PeopleDemo.EmployerCreditCode, injuryCaseId = PeopleDemo.InjuryCaseId.ToString() };
        await Case("张三 rehabilitation window", m => Start(m, "rehab-extension", new { zhang.workerIdNumber, zhang.injuryCaseId, rehabStartsOn = Day(-60), rehabEndsOn = Day(12), institution = "山东省工伤康复医院" }));
        await Case("张三 transfer to review", m => Start(m, "transfer-approval", new { zhang.injuryCaseId, zhang.workerIdNumber, zhang.employerCreditCode, appliedOn = Day(-2), referral, materialsReceived = ReferralPapers }));
        // employers: one case of each register procedure (第六～八条、第十三～十九条), each waiting at its first task.
        await Case("employer registration to determine", m => Start(m, "employer-registration", new
        {
            employerCreditCode = Seeding.DemoEmployers.ApplyingCode.Value, employerName = "济南鲁建建设集团有限公司", appliedOn = Day(-1),
            unitType = "enterprise", economicType = "limited-liability", affiliation = "city", registrationAuthority = "market-regulation",
            establishedOn = "2019-03-22", industry = "房屋建筑业", address = "济南市历下区经十路 15866 号", phone = "053166018899",
            legalRepresentative = new { name = "张卫东", idType = "resident-id", idNumber = "370102197510080033", phone = "13605316688" },
            laborDispatch = false, materialsReceived = new object[] { new { key = "business-licence", sharedFrom = "济南市市场监督管理局" } },
        }));
        await Case("employer change to review", m => Start(m, "employer-change", new { employerCreditCode = Wang.employerCreditCode, appliedOn = Day(-1), materialsReceived = ChangeApplicationOnly }));
        await Case("employer deregistration to review", m => Start(m, "employer-deregistration", new { employerCreditCode = Seeding.DemoEmployers.DissolvingCode.Value, appliedOn = Day(-2), reason = "dissolved" }));

        // Unlinked cases: transfer cases left by the release before the injury-case register (version 2, free text; docs/adr/0017).
        await Case("legacy transfer cases (version 2)", _ => DemoLegacyCases.RunAsync(services, today));

        // Benefits: the committee's conclusion recorded on an injury case, then a disability-benefits case on it — one waiting
        // for the officer's check, one decided (its one-time subsidy ordered, its allowance and nursing care monthly from the
        // month after the appraisal, 第七十五条).
        var wages = Enumerable.Range(1, 12).Select(i => new { month = today.AddMonths(-12 - i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), amount = 5_860m }).ToArray();
        var averages = new { provincialAverageMonthlyWage = 7_626m, minimumWage = 2_200m, careAverageMonthlyWage = 7_626m };
        await Case("disability benefits to check", async m =>
        {
            var injuryCaseId = DemoInjuries.Id(5);
            await m.Send(new Injuries.RecordAppraisal(Guid.Parse(injuryCaseId), 7, "none", today.AddDays(-12), "济劳鉴〔" + today.Year + "〕第0105号", JinanOfficer));
            await Start(m, "disability-benefits", new { injuryCaseId, applicant = "employer", appliedOn = Day(-3), materialsReceived = BenefitsPapers });
        });
        await Case("disability benefits decided", async m =>
        {
            var injuryCaseId = DemoInjuries.Id(7);
            await m.Send(new Injuries.RecordAppraisal(Guid.Parse(injuryCaseId), 4, "partial", today.AddDays(-40), "济劳鉴〔" + today.Year + "〕第0107号", JinanOfficer));
            var id = await Start(m, "disability-benefits", new { injuryCaseId, applicant = "worker", appliedOn = Day(-30), materialsReceived = BenefitsPapers });
            await m.Send(new CompleteTask(await OpenTask(m, id), "eligible", Json(new
            {
                insuredWhenInjured = true, employmentOngoing = true, medicalSubsidyPaid = false, wages, averages.provincialAverageMonthlyWage, averages.minimumWage, averages.careAverageMonthlyWage,
                payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南历下支行",
            }), JinanOfficer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "approved", Json(new { approveNote = "核定无误" }), JinanReviewer));
        });

        // Reimbursements (第六十六～七十条): one just claimed, one waiting for the reviewer whose early costs fall to the
        // employer for a late recognition application (第六十九条（一）), one approved and partly paid (a 丙 item refused).
        static object Item(string code, string date, decimal quantity, decimal amount, string kind = "medical") => new { code, date, quantity, amount, kind };
        var card = new { payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南历下支行" };
        object Reimbursement(string recognitionAppliedOn, object[] bills, int hospitalDays, string payee) => new
        {
            recognitionAppliedOn, insuredWhenInjured = true, treatmentPapersComplete = true, consistentWithInjury = true, thirdPartyCompensated = false, referral = false,
            bills, hospitalDays, mealDailyStandard = hospitalDays > 0 ? 30.00m : (decimal?)null, overseas = false,
            payee, payeeKind = "worker", card.payeeAccount, card.payeeBank,
        };
        await Case("medical reimbursement to check", async m =>
            await Start(m, "medical-reimbursement", new { injuryCaseId = DemoInjuries.Id(3), claimant = "worker", appliedOn = Day(-2), materialsReceived = ReimbursementPapers }));
        await Case("medical reimbursement to approve", async m =>
        {
            var id = await Start(m, "medical-reimbursement", new { injuryCaseId = DemoInjuries.Id(4), claimant = "employer", appliedOn = Day(-6), materialsReceived = ReimbursementPapers });
            await m.Send(new CompleteTask(await OpenTask(m, id), "eligible", Json(Reimbursement(Day(-40),
                [Item("120400001", Day(-88), 3, 120.00m), Item("250101001", Day(-88), 1, 25.00m), Item("120400001", Day(-30), 2, 80.00m)], 0, "李秀英")), JinanOfficer));
        });
        await Case("medical reimbursement partly paid", async m =>
        {
            var id = await Start(m, "medical-reimbursement", new { injuryCaseId = DemoInjuries.Id(1), claimant = "worker", appliedOn = Day(-20), materialsReceived = ReimbursementPapers });
            await m.Send(new CompleteTask(await OpenTask(m, id), "eligible", Json(Reimbursement(Day(-135),
            [
                Item("331601001", Day(-139), 1, 260.00m), Item("XJ01DCA058A001", Day(-139), 6, 87.35m), Item("110900001", Day(-138), 5, 250.00m),
                Item("311400010", Day(-139), 1, 95.50m), Item("340200001", Day(-60), 1, 150.00m, "rehab"),
            ], 5, "王建国")), JinanOfficer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "approved", Json(new { approveNote = "逐项审核无误" }), JinanReviewer));
        });

        // One-time medical subsidies (第八十条, 第六十条): one to check, one decided (treatment closed from the next month).
        // The months for the grade are illustrative figures the officer would take from the province's table.
        var subsidy = new { contributionsPaidAtEnd = true, medicalDependency = false, provincialAverageMonthlyWage = 7_626m, medicalMonths = 7m, employmentMonths = 8m, card.payeeAccount, card.payeeBank };
        await Case("medical subsidy to check", async m =>
        {
            var injuryCaseId = DemoInjuries.Id(11);
            await m.Send(new Injuries.RecordAppraisal(Guid.Parse(injuryCaseId), 8, "none", today.AddDays(-150), "济劳鉴〔" + today.AddDays(-150).Year + "〕第0111号", JinanOfficer));
            await Start(m, "medical-subsidy", new { injuryCaseId, applicant = "worker", appliedOn = Day(-4), employmentEndedOn = Day(-10), materialsReceived = SubsidyPapers });
        });
        await Case("medical subsidy decided", async m =>
        {
            var injuryCaseId = DemoInjuries.Id(8);
            await m.Send(new Injuries.RecordAppraisal(Guid.Parse(injuryCaseId), 9, "none", today.AddDays(-460), "济劳鉴〔" + today.AddDays(-460).Year + "〕第0108号", JinanOfficer));
            var id = await Start(m, "medical-subsidy", new { injuryCaseId, applicant = "worker", appliedOn = Day(-15), employmentEndedOn = Day(-20), materialsReceived = SubsidyPapers });
            await m.Send(new CompleteTask(await OpenTask(m, id), "eligible", Json(subsidy), JinanOfficer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "approved", Json(new { approveNote = "核定无误" }), JinanReviewer));
        });

        // Deaths from a work injury (第八十二～八十八条), each of a worker registered for it at 济南恒达建材: 周建民, his widow
        // and two children — the elder turning 18 next year (第六十二条（二）) — at the reviewer's approval; and, further
        // down, 孙国华's widow, decided: the grants ordered to the designated account, her pension monthly from the month
        // after the death (第八十二条).
        static string Born(string yyyymmdd, string sequence) =>
            "370102" + yyyymmdd + sequence + Domain.Parties.IdNumber.ComputeCheckDigit("370102" + yyyymmdd + sequence);
        string YearsAgo(int years) => today.AddYears(-years).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        async Task DeathAsync(IMediator m, (string Born, string Name, string Phone, int Number, int DiedDaysAgo) worker, string payee, object[] dependants, bool approve)
        {
            await m.Send(new Parties.RegisterWorker(worker.Born, worker.Name, worker.Phone, Wang.employerCreditCode, JinanOfficer, today.AddDays(-400)));
            var recognized = today.AddDays(-worker.DiedDaysAgo + 25);
            var injury = await m.Send(new Injuries.RegisterInjuryCase("370100", worker.Born, Wang.employerCreditCode, today.AddDays(-worker.DiedDaysAgo - 1), recognized,
                "济人社工认字〔" + recognized.Year + "〕第" + worker.Number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "号",
                "在厂房吊装作业时被坠落的钢构件砸伤，经抢救无效死亡", JinanOfficer));
            var id = await Start(m, "death-benefits", new
            {
                injuryCaseId = injury.Id.ToString(), applicant = "next-of-kin", appliedOn = Day(-worker.DiedDaysAgo + 30), deathOn = Day(-worker.DiedDaysAgo),
                hasDependants = true, dependants, materialsReceived = DeathPapers,
            });
            await m.Send(new CompleteTask(await OpenTask(m, id), "eligible", Json(new
            {
                materialsReceived = DeathPapers, pensionChoice = "work-injury", afterPaidLeave = false, wages,
                nationalUrbanDisposableIncome = 51_821m, provincialAverageMonthlyWageAtDeath = 7_626m, provincialAverageMonthlyWageAtInjury = 7_626m,
                payeeName = payee, card.payeeAccount, card.payeeBank,
            }), JinanOfficer));
            if (approve)
            {
                await m.Send(new CompleteTask(await OpenTask(m, id), "approved", Json(new { approveNote = "核定无误" }), JinanReviewer));
            }
        }

        await Case("death benefits to approve", m => DeathAsync(m, (Born("19790312", "017"), "周建民", "13905310077", 301, 69), "刘美华",
        [
            new { name = "刘美华", idNumber = Born("19810507", "024"), relation = "spouse", orphanOrSolitaryElder = false },
            new { name = "周子涵", idNumber = Born(YearsAgo(17), "021"), relation = "child", orphanOrSolitaryElder = false },
            new { name = "周子轩", idNumber = Born(YearsAgo(10), "013"), relation = "child", orphanOrSolitaryElder = false },
        ], approve: false));

        // Paydesk: the whole payment cycle on the first run (第九十四、九十六、一百一十九条). A second decided disability case
        // (grade 8: its one-time subsidy only) orders a payment to 李秀英 (on her injury case 6) on an account the bank will return; an officer
        // batches the two subsidies, the reviewer approves, the bank file goes out and the bank's result comes back — one
        // paid, one returned (wrong account) waiting on the batch's page for its correction. All through the commands the
        // pages send.
        await Case("disability benefits decided, paid to a closed account", async m =>
        {
            var injuryCaseId = DemoInjuries.Id(6);
            await m.Send(new Injuries.RecordAppraisal(Guid.Parse(injuryCaseId), 8, "none", today.AddDays(-35), "济劳鉴〔" + today.Year + "〕第0106号", JinanOfficer));
            var id = await Start(m, "disability-benefits", new { injuryCaseId, applicant = "worker", appliedOn = Day(-28), materialsReceived = BenefitsPapers });
            await m.Send(new CompleteTask(await OpenTask(m, id), "eligible", Json(new
            {
                insuredWhenInjured = true, employmentOngoing = true, medicalSubsidyPaid = false, wages, averages.provincialAverageMonthlyWage, averages.minimumWage, averages.careAverageMonthlyWage,
                payeeAccount = DemoPayments.ClosedAccount, payeeBank = "中国建设银行济南分行",
            }), JinanOfficer));
            await m.Send(new CompleteTask(await OpenTask(m, id), "approved", Json(new { approveNote = "核定无误" }), JinanReviewer));
        });
        await Case("payment batch paid and returned", m => DemoPayments.RunAsync(m, JinanOfficer, JinanReviewer));

        await Case("death benefits decided", m => DeathAsync(m, (Born("19700105", "035"), "孙国华", "13905310078", 302, 150), "陈玉兰",
            [new { name = "陈玉兰", idNumber = Born("19720818", "046"), relation = "spouse", orphanOrSolitaryElder = false }], approve: true));

        log.LogInformation("Demo cases opened: {Count}", opened);
    }
}
