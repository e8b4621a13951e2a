using System.Text.Json;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using SurveyBot.Testing.Golden;

namespace SurveyBot.Telegram.Tests.Golden;

/// <summary>
/// Plays golden transcripts through Telegram (the real client, the loopback Bot API, a real SQLite file) and compares
/// every Bot API call the bot made to the chat, input by input, with <c>Fixtures/calllogs</c>: a card edited instead
/// of sent, a button renamed, a notice reworded or a call more per answer shows as a diff.
/// <c>SURVEYBOT_GOLDEN_UPDATE=1 dotnet test</c> rewrites them.
/// </summary>
public sealed class TelegramCallLogTests
{
    /// <summary>The calls a respondent sees; getUpdates, getMe and the like are the bot's own business.</summary>
    private static readonly HashSet<string> ChatMethods = ["sendMessage", "editMessageText", "answerCallbackQuery", "sendPhoto", "sendDocument", "leaveChat"];

    /// <summary>How long the chat must stay quiet before an input counts as answered.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    public static TheoryData<string> Fixtures() =>
        ["citizen.complete", "citizen.back", "citizen.invalid-inputs", "citizen.screen-out-district", "expert.complete"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Telegram_calls_are_as_recorded(string fixture)
    {
        var script = Transcript.Load(fixture);
        await using var bot = await TelegramHarness.StartAsync();
        var chat = script.Chat;
        var log = new CallLog { Transcript = fixture };

        var start = script.Flow == "citizen" ? "/start" : "/start " + script.Flow;
        await PlayAsync(bot, chat, log, "text: " + start, () => bot.Server.SendText(chat, start));
        foreach (var turn in script.Turns)
        {
            var card = bot.Server.Messages(chat).LastOrDefault(m => m.InlineKeyboard.Count > 0);
            var typed = turn.Type ?? "";
            switch (turn)
            {
                case { Back: true }:
                    await PlayAsync(bot, chat, log, "text: /back", () => bot.Server.SendText(chat, "/back"));
                    break;
                case { Press: { } label }:
                    await PlayAsync(bot, chat, log, "press: " + label, () => Assert.True(bot.TryPress(chat, card!, label), $"{fixture}: no button {label}"));
                    break;
                case { Callback: { } data }:
                    await PlayAsync(bot, chat, log, "callback: " + data, () => bot.Server.PressButton(chat, card!.MessageId, data));
                    break;
                // A typed option is a button press in Telegram, as a respondent would answer.
                case var _ when card is not null && typed.Length > 0 && HasButton(card, typed):
                    await PlayAsync(bot, chat, log, "press: " + typed, () => bot.TryPress(chat, card, typed));
                    break;
                default:
                    var text = typed.Length == 0 ? "다음" : typed;
                    if (card is not null && HasButton(card, text))
                        await PlayAsync(bot, chat, log, "press: " + text, () => bot.TryPress(chat, card, text));
                    else
                        await PlayAsync(bot, chat, log, "text: " + text, () => bot.Server.SendText(chat, text));
                    break;
            }
        }

        Assert.Equal(script.Answers, bot.Database.AnswersOf("telegram", chat));
        GoldenFile.Verify(Path.Combine(RepoPaths.CallLogs, fixture + ".yaml"), log);
    }

    private static bool HasButton(BotMessage card, string answer) =>
        card.InlineKeyboard.SelectMany(row => row).Any(b => b.CallbackData is { } data && (data.EndsWith("|" + answer, StringComparison.Ordinal) || b.Text == answer));

    /// <summary>Gives the input, waits until the bot has answered it and gone quiet, and logs the calls it made.</summary>
    private static async Task PlayAsync(TelegramHarness bot, long chat, CallLog log, string input, Action act)
    {
        var before = bot.Server.Calls.Count;
        act();
        var deadline = DateTime.UtcNow + TelegramHarness.Wait;
        var seen = before;
        var quietSince = DateTime.UtcNow;
        while (true)
        {
            await Task.Delay(25);
            var now = bot.Server.Calls.Count;
            if (now != seen) (seen, quietSince) = (now, DateTime.UtcNow);
            var answered = bot.Server.Calls.Skip(before).Any(c => ChatMethods.Contains(c.Method));
            if (answered && DateTime.UtcNow - quietSince >= Quiet) break;
            Assert.True(DateTime.UtcNow < deadline, $"no reply to {input}:\n{bot.Server.DescribeChat(chat)}");
        }
        // Callback answers, edits and new messages go out side by side; within each, in the order the bot made them.
        var calls = bot.Server.Calls.Skip(before).Where(c => ChatMethods.Contains(c.Method) && (c.ChatId is null || c.ChatId == chat))
            .OrderBy(c => c.Method switch { "answerCallbackQuery" => 0, "editMessageText" => 1, _ => 2 })
            .Select(Describe).ToList();
        log.Inputs.Add(new CallLogEntry { Input = input, Calls = calls });
    }

    private static LoggedCall Describe(RecordedCall call)
    {
        using var body = JsonDocument.Parse(call.RequestJson.Length == 0 ? "{}" : call.RequestJson);
        var root = body.RootElement;
        var logged = new LoggedCall { Method = call.Method, Status = call.StatusCode == 200 ? 0 : call.StatusCode };
        if (root.TryGetProperty("message_id", out var id)) logged.MessageId = id.ValueKind == JsonValueKind.Number ? id.GetInt32() : int.Parse(id.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var field in new[] { "text", "caption" })
            if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                logged.Text.AddRange(value.GetString()!.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
        if (root.TryGetProperty("photo", out var photo))
            logged.Photo = photo.ValueKind == JsonValueKind.Object && photo.TryGetProperty("file_name", out var name) ? name.GetString() : photo.ToString();
        if (root.TryGetProperty("reply_markup", out var markup))
        {
            using var parsed = markup.ValueKind == JsonValueKind.String ? JsonDocument.Parse(markup.GetString()!) : null;
            var keyboard = parsed?.RootElement ?? markup;
            if (keyboard.TryGetProperty("inline_keyboard", out var rows))
                foreach (var row in rows.EnumerateArray())
                    logged.Buttons.Add(string.Join(" ", row.EnumerateArray().Select(b => $"[{b.GetProperty("text").GetString()} → {(b.TryGetProperty("callback_data", out var d) ? d.GetString() : "")}]")));
        }
        return logged;
    }
}
