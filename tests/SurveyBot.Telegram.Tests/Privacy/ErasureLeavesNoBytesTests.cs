using System.Text;
using SurveyBot.Conversation;
using SurveyBot.Export;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using Xunit.Abstractions;

namespace SurveyBot.Telegram.Tests.Privacy;

/// <summary>
/// /delete through the real bot process and the loopback Bot API: a person whose Telegram name and username are
/// unique markers answers the citizen survey (occupation 기타 with a unique text) and the expert consultation (a
/// unique open answer), then erases. Afterwards none of the markers is anywhere in the bytes of the database file, its
/// write-ahead log or its shared-memory index (as UTF-8, UTF-16LE or UTF-16BE), and no export has a row for them.
/// </summary>
public sealed class ErasureLeavesNoBytesTests(ITestOutputHelper output)
{
    private const long Chat = 73_001;
    private const string CitizenClosing = "지금까지 응답해주셔서 진심으로 감사드립니다";
    private const string ExpertClosing = "소중한 의견을 주셔서 진심으로 감사드립니다";

    private static readonly string[] Markers = ["Qzfirstname4417", "Qzlastname5521", "qzhandle_9083", "비밀직업Qx7731", "비밀의견Qx2264"];
    private static string FirstName => Markers[0];
    private static string LastName => Markers[1];
    private static string Username => Markers[2];
    private static string OtherOccupation => Markers[3];
    private static string ExpertOpinion => Markers[4];

    [Fact]
    public async Task After_delete_no_marker_is_left_in_the_database_file_its_wal_or_shm_and_no_export_has_a_row()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        using var database = new TestDatabase();
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__PollTimeoutSeconds"] = "1",
            ["Telegram__GlobalMessagesPerSecond"] = "0",
            ["Telegram__PerChatMessagesPerSecond"] = "0",
            ["ConnectionStrings__SurveyBot"] = database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        server.SetProfile(Chat, new UserProfile(FirstName, LastName, Username));
        using var bot = BotProcess.Start(database.Folder, environment);
        try
        {
            await new SimulatedRespondent(server, Chat, seed: 1, m => m.Text.Contains(CitizenClosing))
            {
                Answer = (step, _) => step switch
                {
                    "DQ5" => RespondentInput.Press("DQ5|13"),
                    "DQ5_other" => RespondentInput.Text(OtherOccupation),
                    _ => null,
                },
            }.RunAsync();
            var typedOpinion = false;
            await new SimulatedRespondent(server, Chat, seed: 2, m => m.Text.Contains(ExpertClosing))
            {
                StartText = "/start expert",
                Answer = (_, message) =>
                {
                    if (typedOpinion || !message.Buttons.Any(b => b.CallbackData?.EndsWith("|done", StringComparison.Ordinal) == true)) return null;
                    typedOpinion = true;
                    return RespondentInput.Text(ExpertOpinion);
                },
            }.RunAsync();
            Assert.True(typedOpinion);
            Assert.Equal("13", CitizenAnswer(database, "DQ5"));
            Assert.Equal(OtherOccupation, CitizenAnswer(database, "DQ5_other"));
            // The search finds what is there: before the erasure the answers are in the files.
            Assert.Contains(OtherOccupation, FoundMarkers(database));

            server.SendText(Chat, "/delete");
            var question = await server.WaitForMessageAsync(Chat, m => m.Text == ConversationReplies.Korean.DeleteConfirm, TelegramHarness.Wait);
            server.PressButton(Chat, question.MessageId, question.FindButton(ConversationReplies.Korean.DeleteYes)!.CallbackData!);
            await server.WaitForMessageAsync(Chat, m => m.MessageId == question.MessageId && m.Text == ConversationReplies.Korean.DeleteDone, TelegramHarness.Wait);

            // The log is truncated just after the erasure's commit, off the path of the reply: allow it a few seconds.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (FoundMarkers(database).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
            Assert.Empty(FoundMarkers(database));
            Assert.False(bot.HasExited);

            foreach (var flow in new[] { ShippedFlows.Citizen, ShippedFlows.Expert })
            {
                using var csv = new MemoryStream();
                await new ResultExporter(database.Factory, flow.Definition).WriteAsync(ExportFormat.Csv, csv);
                var rows = CsvText.Parse(csv.ToArray());
                Assert.Single(rows);
                Assert.DoesNotContain(Markers, m => Encoding.UTF8.GetString(csv.ToArray()).Contains(m, StringComparison.Ordinal));
            }
        }
        finally
        {
            output.WriteLine(bot.Output);
        }
    }

    private static string? CitizenAnswer(TestDatabase database, string code)
    {
        using var db = database.Open();
        var citizen = db.Respondents.Where(r => r.ChatId == Chat && r.FlowId == "citizen").Select(r => r.Id).Single();
        return db.Answers.Where(a => a.RespondentId == citizen && a.Code == code).Select(a => a.Value).SingleOrDefault();
    }

    /// <summary>The markers found in the raw bytes of the database file and the files SQLite keeps beside it.</summary>
    private static List<string> FoundMarkers(TestDatabase database)
    {
        var files = new[] { database.Path, database.Path + "-wal", database.Path + "-shm" }.Where(File.Exists).Select(ReadShared).ToList();
        return Markers.Where(marker =>
            new[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode }.Any(encoding =>
            {
                var needle = encoding.GetBytes(marker);
                return files.Any(bytes => bytes.AsSpan().IndexOf(needle) >= 0);
            })).ToList();
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
