using System.Text;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Results;
using SurveyBot.Results.Outcomes;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Outcomes;

/// <summary>
/// Planted fieldwork with one case of every disposition: interviews run through the engine, invitations,
/// broadcast deliveries and contacts stored as the bot stores them. Dispositions, the case file, and each
/// AAPOR rate against a hand computation from the Standard Definitions' formulas.
/// </summary>
public sealed class DispositionAndRateTests : IClassFixture<DispositionAndRateTests.Fieldwork>
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly Fieldwork _fieldwork;

    public DispositionAndRateTests(Fieldwork fieldwork) => _fieldwork = fieldwork;

    public sealed class Fieldwork : IDisposable
    {
        // One cell (종로구 x 남성 x 20-29세) takes a single completed interview, so the second respondent in it finds it full.
        private const string Quotas = """
            quotas:
              - code: AREA_SEX_AGE
                variables: [SQ1, SQ2, SQ4]
                target: 5
                cells:
                  - {values: [1, 1, 2], target: 1}
            """;

        public TestDatabase Database { get; } = new();

        public Fieldwork()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(Start));
            var flows = TestFlows.WithCitizenQuotas(Quotas);
            var driver = new InterviewDriver(Database, flows, clock);
            var telegram = new InterviewDriver(Database, flows, clock, channel: "telegram");
            var fullCell = new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "25" };
            var questions = FieldworkCases.QuestionColumns(ShippedFlows.Citizen.Definition).Count;
            Run(async () =>
            {
                await using (var db = Database.Open())
                {
                    // A broadcast invitation before fieldwork opened its doors to chats 7 and 101-104.
                    var broadcast = new BroadcastRecord { FlowId = "citizen", Audience = "all", Text = "초대", Status = BroadcastRecord.Completed, Materialized = true, CreatedAt = Start.AddHours(-2), StartedAt = Start.AddHours(-1) };
                    db.Broadcasts.Add(broadcast);
                    await db.SaveChangesAsync();
                    foreach (var (chat, status) in new[] { (7L, "sent"), (101L, "sent"), (102L, "blocked"), (103L, "pending"), (104L, "sent") })
                        db.Deliveries.Add(new DeliveryRecord { BroadcastId = broadcast.Id, ChatId = chat, Status = status, UpdatedAt = status == "pending" ? null : Start.AddHours(-1) });
                    foreach (var (chat, state) in new[] { (7L, "stopped"), (101L, "active"), (102L, "blocked"), (103L, "active"), (104L, "stopped") })
                        db.Contacts.Add(new ContactRecord { ChatId = chat, State = state, FirstSeenAt = Start.AddDays(-1), LastSeenAt = Start.AddDays(-1) });
                    db.Invitations.Add(new InvitationRecord { Token = "unused-link", FlowId = "citizen", Source = "gangnam", SingleUse = true, CreatedAt = Start.AddDays(-1), ExpiresAt = Start.AddDays(30) });
                    await db.SaveChangesAsync();
                }
                await driver.StartAsync(1, "citizen", "gangnam");
                await CitizenInterviews.RunAsync(driver, 1, fullCell, seed: 1);
                await driver.StartAsync(2, "citizen", "gangnam");
                await CitizenInterviews.RunAsync(driver, 2, fullCell, seed: 2);
                await CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string> { ["SQ1"] = "26" }, seed: 3);
                await PartialInterviews.RunAsync(Database, driver, 4, (questions + 1) / 2, "poster", seed: 4);
                await PartialInterviews.RunAsync(Database, driver, 5, 2, "poster", seed: 5);
                await driver.StartAsync(6, "citizen", "poster");
                await PartialInterviews.RunAsync(Database, telegram, 7, 1, "broadcast", seed: 7, channel: "telegram");
                await using (var db = Database.Open())
                {
                    // Chat 7 got one automatic reminder and one staff reminder (a broadcast to interviews in progress).
                    var respondent = db.Respondents.Single(r => r.ChatId == 7);
                    respondent.RemindersSent = 1;
                    var reminder = new BroadcastRecord { FlowId = "citizen", Audience = "in_progress", Text = "알림", Status = BroadcastRecord.Completed, Materialized = true, CreatedAt = Start.AddHours(3), StartedAt = Start.AddHours(3) };
                    db.Broadcasts.Add(reminder);
                    await db.SaveChangesAsync();
                    db.Deliveries.Add(new DeliveryRecord { BroadcastId = reminder.Id, ChatId = 7, Status = "sent", UpdatedAt = Start.AddHours(3) });
                    await db.SaveChangesAsync();
                }
            });
        }

        private static void Run(Func<Task> work) => work().GetAwaiter().GetResult();

        public void Dispose() => Database.Dispose();
    }

    [Fact]
    public async Task Every_case_gets_its_aapor_disposition_in_the_case_file()
    {
        var rows = await CaseRowsAsync();
        var byRespondent = RespondentIds();
        string Disposition(string caseId) => rows.Single(r => r["case_id"] == caseId)["disposition"];
        string OfChat(long chat) => rows.Single(r => r["respondent_id"] == byRespondent[chat])["disposition"];

        Assert.Equal("1.1", OfChat(1));
        Assert.Equal("4.80", OfChat(2));
        Assert.Equal("4.10", OfChat(3));
        Assert.Equal("1.2", OfChat(4));
        Assert.Equal("2.12", OfChat(5));
        Assert.Equal("2.1121", OfChat(6));
        Assert.Equal("2.111", OfChat(7));
        var invitation = rows.Single(r => r["case_id"].StartsWith('I'));
        Assert.Equal(("3.19", "gangnam", ""), (invitation["disposition"], invitation["source"], invitation["respondent_id"]));
        Assert.Equal("3.19", Disposition("B1-2"));
        Assert.Equal("3.30", Disposition("B1-3"));
        Assert.Equal("3.11", Disposition("B1-4"));
        Assert.Equal("2.111", Disposition("B1-5"));
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain(r["case_id"], new[] { "7", "101", "102", "103", "104" }));

        var invited = rows.Single(r => r["respondent_id"] == byRespondent[7]);
        Assert.Equal("broadcast", invited["source"]);
        Assert.Equal("2026-12-01T08:00:00Z", invited["invited_at"]);
        Assert.Equal("2026-12-01T08:00:00Z", invited["first_contact_at"]);
        Assert.Equal("2026-12-01T09:00:00Z", invited["started_at"]);
        Assert.Equal("", invited["ended_at"]);
        Assert.Equal("2", invited["reminders"]);
        var complete = rows.Single(r => r["respondent_id"] == byRespondent[1]);
        Assert.Equal(("gangnam", "", "2026-12-01T09:00:00Z"), (complete["source"], complete["invited_at"], complete["first_contact_at"]));
        Assert.Equal("start", rows.Single(r => r["respondent_id"] == byRespondent[3])["source"]);
        Assert.NotEqual("", complete["ended_at"]);
        Assert.Equal("", rows.Single(r => r["case_id"] == "B1-4")["first_contact_at"]);
    }

    [Fact]
    public async Task Each_rate_matches_a_hand_computation_from_the_aapor_formulas()
    {
        var summary = await new FieldworkStats(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition).ComputeAsync();
        var all = summary.Rates.Single(s => s.Source is null).Rates;

        // By hand: I = 1 complete, P = 1 partial, R = 4 (break-off, started without answering, two opt-outs),
        // NC = O = 0, U = 4 (unused link, delivered but never started, undeliverable, never sent), not eligible = 2.
        double I = 1, P = 1, R = 4, NC = 0, O = 0, U = 4, NE = 2;
        Assert.Equal((1, 1, 4, 0, 0, 4, 2), (all.I, all.P, all.R, all.NC, all.O, all.U, all.NotEligible));
        var e = (I + P + R + NC + O) / (I + P + R + NC + O + NE);
        Assert.Equal(0.75, e, 10);
        Assert.Equal(e, all.E!.Value, 10);
        Assert.Equal(I / ((I + P) + (R + NC + O) + U), all.RR1!.Value, 10);
        Assert.Equal((I + P) / ((I + P) + (R + NC + O) + U), all.RR2!.Value, 10);
        Assert.Equal(I / ((I + P) + (R + NC + O) + e * U), all.RR3!.Value, 10);
        Assert.Equal((I + P) / ((I + P) + (R + NC + O) + e * U), all.RR4!.Value, 10);
        Assert.Equal(I / ((I + P) + (R + NC + O)), all.RR5!.Value, 10);
        Assert.Equal((I + P) / ((I + P) + (R + NC + O)), all.RR6!.Value, 10);
        Assert.Equal(I / ((I + P) + R + O), all.COOP1!.Value, 10);
        Assert.Equal((I + P) / ((I + P) + R + O), all.COOP2!.Value, 10);
        Assert.Equal(I / ((I + P) + R), all.COOP3!.Value, 10);
        Assert.Equal((I + P) / ((I + P) + R), all.COOP4!.Value, 10);
        Assert.Equal(R / ((I + P) + (R + NC + O) + U), all.REF1!.Value, 10);
        Assert.Equal(R / ((I + P) + (R + NC + O) + e * U), all.REF2!.Value, 10);
        Assert.Equal(R / ((I + P) + (R + NC + O)), all.REF3!.Value, 10);
        Assert.Equal(((I + P) + R + O) / ((I + P) + R + O + NC + U), all.CON1!.Value, 10);
        Assert.Equal(((I + P) + R + O) / ((I + P) + R + O + NC + e * U), all.CON2!.Value, 10);
        Assert.Equal(((I + P) + R + O) / ((I + P) + R + O + NC), all.CON3!.Value, 10);

        // gangnam: the complete, the quota-full interview and the unused link: e = 1 / (1 + 1).
        var gangnam = summary.Rates.Single(s => s.Source == "gangnam").Rates;
        Assert.Equal(0.5, gangnam.E!.Value, 10);
        Assert.Equal(1 / (1 + 0.5 * 1), gangnam.RR3!.Value, 10);

        var lines = summary.ToFullText().Split('\n');
        Assert.Contains("RR1 0.100", lines);
        Assert.Contains("RR3 0.111", lines);
        Assert.Contains("COOP1 0.167", lines);
        Assert.Contains("REF2 0.444", lines);
        Assert.Contains("CON3 1.000", lines);
        Assert.Contains(lines, l => l.StartsWith("결과 비율: 출처 gangnam", StringComparison.Ordinal) && l.Contains("e = 0.500"));
        Assert.Contains(lines, l => l.StartsWith("결과 비율: 전체", StringComparison.Ordinal) && l.Contains("e = 0.750, 적격 여부가 알려진 사례 중 적격 비율"));
        Assert.Contains("- 2.111 Refusal: opted out (/stop): 2", lines);
    }

    [Fact]
    public async Task Pspp_reads_the_case_file()
    {
        var folder = Path.Combine(_fieldwork.Database.Folder, "pspp-cases");
        Directory.CreateDirectory(folder);
        await new ResultExporter(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition).WriteFileAsync(ExportFormat.Cases, Path.Combine(folder, "cases.csv"));
        var output = await Pspp.RunAsync(folder, """
            GET DATA /TYPE=TXT /FILE='cases.csv' /ENCODING='UTF8' /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2
              /DELIMITERS=',' /QUALIFIER='"'
              /VARIABLES=case_id A16 respondent_id A16 source A32 disposition A8 disposition_label A80
                invited_at A20 first_contact_at A20 started_at A20 ended_at A20 reminders F4.0.
            FREQUENCIES /VARIABLES=disposition.
            DESCRIPTIVES /VARIABLES=reminders /STATISTICS=SUM.
            """);
        foreach (var code in new[] { "1.1", "1.2", "2.111", "2.1121", "2.12", "3.11", "3.19", "3.30", "4.10", "4.80" })
            Assert.Contains(code, output);
        Assert.Matches(@"reminders\s*\|\s*12\s*\|\s*2", output.Replace("|", " | "));
    }

    private Dictionary<long, string> RespondentIds()
    {
        using var db = _fieldwork.Database.Open();
        return db.Respondents.ToDictionary(r => r.ChatId, r => r.PublicId);
    }

    private async Task<List<Dictionary<string, string>>> CaseRowsAsync()
    {
        using var csv = new MemoryStream();
        await new ResultExporter(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Cases, csv);
        var rows = CsvText.Parse(Encoding.UTF8.GetString(csv.ToArray()));
        Assert.Equal(CasesExporter.Columns, rows[0]);
        return rows.Skip(1).Select(r => rows[0].Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToList();
    }
}
