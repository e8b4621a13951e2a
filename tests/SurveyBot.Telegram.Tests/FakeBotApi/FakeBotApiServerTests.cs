using System.Net;
using System.Text;
using SurveyBot.FakeBotApi;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace SurveyBot.Telegram.Tests.FakeBotApi;

/// <summary>
/// Checks the fake Bot API against the real Telegram.Bot client, so SurveyBot's tests and benchmarks can
/// trust that what passes against the fake speaks Telegram's wire format.
/// </summary>
public sealed class FakeBotApiServerTests : IAsyncLifetime
{
    private const string TestToken = "424242:fake-token-for-surveybot-tests";
    private const long ChatId = 1001;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private FakeBotApiServer _server = null!;
    private TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBotApiServer.StartAsync();

        // Telegram.Bot retries 429s by itself (RetryThreshold 60 s, RetryCount 3); SurveyBot's tests need
        // to see every 429, so the built-in retry is off.
        _bot = new TelegramBotClient(new TelegramBotClientOptions(TestToken, _server.BaseUrl) { RetryThreshold = 0, RetryCount = 0 });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetMe_returns_the_survey_bot_and_records_the_token()
    {
        var me = await _bot.GetMe();

        Assert.Equal(FakeBotApiServer.BotId, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("SurveyBot", me.FirstName);
        Assert.Equal("surveybot_test_bot", me.Username);
        var call = Assert.Single(_server.Calls);
        Assert.Equal("getMe", call.Method);
        Assert.Equal(TestToken, call.Token);
        Assert.Equal(200, call.StatusCode);
        Assert.StartsWith("http://127.0.0.1:", _server.BaseUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUpdates_with_offset_confirms_earlier_updates_and_honors_limit()
    {
        var first = _server.SendText(ChatId, "/start abc");
        _server.SendText(ChatId, "two");
        _server.SendText(ChatId, "three");

        var page = await _bot.GetUpdates(limit: 2);
        Assert.Equal([first, first + 1], page.Select(u => (long)u.Id));
        Assert.Equal("/start abc", page[0].Message!.Text);
        Assert.Equal(MessageEntityType.BotCommand, Assert.Single(page[0].Message!.Entities!).Type);
        Assert.Equal(ChatId, page[0].Message!.From!.Id);

        var again = await _bot.GetUpdates();
        Assert.Equal(3, again.Length);

        var rest = await _bot.GetUpdates(offset: (int)first + 2);
        Assert.Equal("three", Assert.Single(rest).Message!.Text);

        var none = await _bot.GetUpdates(offset: (int)first + 3);
        Assert.Empty(none);
        Assert.Equal(0, _server.PendingUpdateCount);
    }

    [Fact]
    public async Task A_chat_keeping_a_bounded_number_of_messages_forgets_the_oldest_and_cannot_edit_them()
    {
        await using var server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { MaxMessagesPerChat = 2 });
        var bot = new TelegramBotClient(new TelegramBotClientOptions(TestToken, server.BaseUrl) { RetryThreshold = 0, RetryCount = 0 });
        var first = await bot.SendMessage(ChatId, "one");
        await bot.SendMessage(ChatId, "two");
        var third = await bot.SendMessage(ChatId, "three");

        Assert.Equal(["two", "three"], server.Messages(ChatId).Select(m => m.Text));
        await bot.EditMessageText(ChatId, third.MessageId, "three, edited");
        Assert.Equal("three, edited", server.LastMessage(ChatId)!.Text);
        var gone = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(ChatId, first.MessageId, "one, edited"));
        Assert.Equal(400, gone.ErrorCode);
    }

    [Fact]
    public async Task GetUpdates_long_polls_until_an_update_arrives()
    {
        var poll = _bot.GetUpdates(timeout: 10);
        await _server.WaitUntilAsync(() => _server.CallCount("getUpdates") == 1, Timeout);
        await Task.Delay(50);
        Assert.False(poll.IsCompleted);

        var id = _server.SendText(ChatId, "hello");
        var updates = await poll.WaitAsync(Timeout);

        Assert.Equal(id, Assert.Single(updates).Id);
        Assert.Equal("hello", updates[0].Message!.Text);
    }

    [Fact]
    public async Task GetUpdates_with_timeout_returns_empty_when_nothing_arrives()
    {
        var started = DateTime.UtcNow;
        var updates = await _bot.GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task SendMessage_with_keyboard_is_visible_and_editMessageText_replaces_text_and_keyboard()
    {
        var keyboard = new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData("Yes", "q1:yes"), InlineKeyboardButton.WithCallbackData("No", "q1:no")],
            [InlineKeyboardButton.WithCallbackData("Skip", "q1:skip")],
        ]);
        var sent = await _bot.SendMessage(ChatId, "<b>Q1</b> Do you like tea?", ParseMode.Html, replyMarkup: keyboard);

        Assert.Equal("Q1 Do you like tea?", sent.Text);
        Assert.Equal(FakeBotApiServer.BotId, sent.From!.Id);
        Assert.Equal(ChatId, sent.Chat.Id);
        Assert.Equal(3, sent.ReplyMarkup!.InlineKeyboard.SelectMany(r => r).Count());
        var seen = Assert.Single(_server.Messages(ChatId));
        Assert.Equal(sent.MessageId, seen.MessageId);
        Assert.Equal("text", seen.Kind);
        Assert.Equal("<b>Q1</b> Do you like tea?", seen.Text);
        Assert.Equal(2, seen.InlineKeyboard.Count);
        Assert.Equal(new InlineButton("No", "q1:no"), seen.InlineKeyboard[0][1]);

        var second = await _bot.SendMessage(ChatId, "Another");
        Assert.NotEqual(sent.MessageId, second.MessageId);

        var edited = await _bot.EditMessageText(ChatId, sent.MessageId, "Thanks!",
            replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Undo", "q1:undo")));
        Assert.Equal("Thanks!", edited.Text);
        var now = _server.Messages(ChatId)[0];
        Assert.Equal("Thanks!", now.Text);
        Assert.Equal(1, now.EditCount);
        Assert.Equal("Undo", Assert.Single(now.Buttons).Text);

        await _bot.EditMessageText(ChatId, sent.MessageId, "Thanks again!");
        Assert.Empty(_server.Messages(ChatId)[0].InlineKeyboard);

        var notModified = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.EditMessageText(ChatId, sent.MessageId, "Thanks again!"));
        Assert.Equal(400, notModified.ErrorCode);
        Assert.Contains("message is not modified", notModified.Message, StringComparison.Ordinal);
        Assert.Equal("Another", _server.LastMessage(ChatId)!.Text);
    }

    [Fact]
    public async Task PressButton_carries_callback_data_and_answerCallbackQuery_is_recorded()
    {
        var sent = await _bot.SendMessage(ChatId, "Pick one",
            replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("A", "answer:a")));

        var updateId = _server.PressButton(ChatId, sent.MessageId, "answer:a", userId: 55);
        var update = Assert.Single(await _bot.GetUpdates(timeout: 1));

        Assert.Equal(updateId, update.Id);
        var query = update.CallbackQuery!;
        Assert.Equal(FakeBotApiServer.CallbackQueryIdFor(updateId), query.Id);
        Assert.Equal("answer:a", query.Data);
        Assert.Equal(55, query.From.Id);
        Assert.Equal(sent.MessageId, query.Message!.MessageId);
        Assert.Equal("Pick one", query.Message.Text);

        await _bot.AnswerCallbackQuery(query.Id, "Saved", showAlert: true);

        var answer = Assert.Single(_server.CallbackAnswers);
        Assert.Equal(query.Id, answer.CallbackQueryId);
        Assert.Equal("Saved", answer.Text);
        Assert.True(answer.ShowAlert);
        Assert.Equal(ChatId, answer.ChatId);
        Assert.Equal(1, _server.CallCount("answerCallbackQuery"));

        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.AnswerCallbackQuery(query.Id));
        Assert.Equal(400, twice.ErrorCode);
    }

    [Fact]
    public async Task FailNext_429_surfaces_retry_after_and_then_recovers()
    {
        _server.FailNext("sendMessage", 1, 429, retryAfter: 7);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(ChatId, "hi"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(7, error.Parameters!.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", error.Message);
        Assert.Equal(1, _server.TooManyRequestsCount);
        await _bot.SendMessage(ChatId, "hi");
        Assert.Single(_server.Messages(ChatId));
        Assert.Equal([429, 200], _server.Calls.Select(c => c.StatusCode));
    }

    [Fact]
    public async Task FailNext_500_and_DropNext_surface_as_client_errors()
    {
        _server.FailNext("SENDMESSAGE", 1, 500);
        _server.DropNext("sendMessage", 1);

        var serverError = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(ChatId, "hi"));
        Assert.Equal(500, serverError.ErrorCode);
        var dropped = await Assert.ThrowsAsync<RequestException>(() => _bot.SendMessage(ChatId, "hi"));
        Assert.IsNotType<ApiRequestException>(dropped);
        Assert.Empty(_server.Messages(ChatId));
    }

    [Fact]
    public async Task DelayNext_slows_the_reply()
    {
        _server.DelayNext("getMe", 1, TimeSpan.FromMilliseconds(300));

        var started = DateTime.UtcNow;
        await _bot.GetMe();

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(280));
    }

    [Fact]
    public async Task BlockChat_answers_403()
    {
        _server.BlockChat(ChatId);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(ChatId, "hi"));

        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", error.Message);
        await _bot.SendMessage(ChatId + 1, "other chats still work");
        _server.UnblockChat(ChatId);
        await _bot.SendMessage(ChatId, "hi again");
    }

    [Fact]
    public async Task SendDocument_keeps_file_bytes_name_and_caption()
    {
        var csv = Encoding.UTF8.GetBytes("respondent,answer\n1,yes\n");
        await using var stream = new MemoryStream(csv);

        var sent = await _bot.SendDocument(ChatId, InputFile.FromStream(stream, "results.csv"), caption: "Survey results");

        Assert.Equal("results.csv", sent.Document!.FileName);
        Assert.Equal("Survey results", sent.Caption);
        var seen = Assert.Single(_server.Messages(ChatId));
        Assert.Equal("document", seen.Kind);
        Assert.Equal("results.csv", seen.FileName);
        Assert.Equal("Survey results", seen.Caption);
        Assert.Equal(csv, seen.FileBytes);
        Assert.Contains("results.csv", _server.Calls.Single(c => c.Method == "sendDocument").RequestJson, StringComparison.Ordinal);

        await _bot.SendPhoto(ChatId, InputFile.FromStream(new MemoryStream([1, 2, 3]), "chart.png"));
        Assert.Equal([1, 2, 3], _server.LastMessage(ChatId)!.FileBytes);
        Assert.Equal("photo", _server.LastMessage(ChatId)!.Kind);
    }

    [Fact]
    public async Task Incoming_document_can_be_downloaded_with_getFile()
    {
        var yaml = Encoding.UTF8.GetBytes("title: Tea survey\n");
        _server.SendDocument(ChatId, "survey.yaml", yaml);
        var document = Assert.Single(await _bot.GetUpdates()).Message!.Document!;
        Assert.Equal("survey.yaml", document.FileName);

        var file = await _bot.GetFile(document.FileId);
        await using var target = new MemoryStream();
        await _bot.DownloadFile(file.FilePath!, target);

        Assert.Equal(yaml, target.ToArray());
    }

    [Fact]
    public async Task Other_respondent_updates_deserialize()
    {
        _server.SendSticker(ChatId);
        _server.SendPhoto(ChatId);
        _server.SendVoice(ChatId);
        var edited = _server.SendEditedText(ChatId, 1, "fixed typo");
        _server.EnqueueRaw("""{"my_chat_member":{"chat":{"id":1001,"type":"private","first_name":"U"},"from":{"id":1001,"is_bot":false,"first_name":"U"},"date":1700000000,"old_chat_member":{"status":"member","user":{"id":7000000001,"is_bot":true,"first_name":"SurveyBot"}},"new_chat_member":{"status":"kicked","until_date":0,"user":{"id":7000000001,"is_bot":true,"first_name":"SurveyBot"}}}}""");

        var updates = await _bot.GetUpdates();

        Assert.Equal(
            [UpdateType.Message, UpdateType.Message, UpdateType.Message, UpdateType.EditedMessage, UpdateType.MyChatMember],
            updates.Select(u => u.Type));
        Assert.Equal(MessageType.Sticker, updates[0].Message!.Type);
        Assert.Equal(MessageType.Photo, updates[1].Message!.Type);
        Assert.Equal(MessageType.Voice, updates[2].Message!.Type);
        Assert.Equal(edited, updates[3].Id);
        Assert.Equal("fixed typo", updates[3].EditedMessage!.Text);
    }

    [Fact]
    public async Task RedeliverFrom_replays_confirmed_updates()
    {
        var first = _server.SendText(ChatId, "a");
        _server.SendText(ChatId, "b");
        await _bot.GetUpdates();
        Assert.Empty(await _bot.GetUpdates(offset: (int)first + 2));

        _server.RedeliverFrom(first + 1);

        var replayed = await _bot.GetUpdates(offset: (int)first + 2, timeout: 1);
        Assert.Equal("b", Assert.Single(replayed).Message!.Text);
        Assert.Empty(await _bot.GetUpdates(offset: (int)first + 2));
    }

    [Fact]
    public async Task Global_rate_limit_answers_429_with_retry_after()
    {
        _server.GlobalRateLimitPerSecond = 3;
        for (var i = 0; i < 3; i++)
        {
            await _bot.SendMessage(ChatId + i, "ok");
        }

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(ChatId, "too fast"));

        Assert.Equal(429, error.ErrorCode);
        Assert.InRange(error.Parameters!.RetryAfter!.Value, 1, 1);
        Assert.Equal(1, _server.TooManyRequestsCount);
        await _bot.GetMe();
    }

    [Fact]
    public async Task Telegrams_per_chat_limit_counts_sends_and_edits_together_and_answers_429_past_the_burst()
    {
        await using var limited = await FakeBotApiServer.StartAsync(new FakeBotApiOptions().WithTelegramLimits());
        var bot = new TelegramBotClient(new TelegramBotClientOptions(TestToken, limited.BaseUrl) { RetryThreshold = 0, RetryCount = 0 });
        limited.SendText(ChatId, "/start");
        var question = await bot.SendMessage(ChatId, "Q1");
        await bot.EditMessageText(ChatId, question.MessageId, "Q2");
        await bot.EditMessageText(ChatId, question.MessageId, "Q3");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(ChatId, question.MessageId, "Q4"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(1, error.Parameters!.RetryAfter);
        // Another chat is not affected, and the limited chat takes a message again a second later.
        await bot.SendMessage(ChatId + 1, "Q1");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await bot.EditMessageText(ChatId, question.MessageId, "Q4");
        Assert.Equal(1, limited.TooManyRequestsCount);
    }

    [Fact]
    public async Task Telegrams_bulk_limit_counts_messages_to_chats_that_sent_nothing_lately()
    {
        await using var limited = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { BulkRateLimitPerSecond = 5, PaidBulkRateLimitPerSecond = 10 });
        var bot = new TelegramBotClient(new TelegramBotClientOptions(TestToken, limited.BaseUrl) { RetryThreshold = 0, RetryCount = 0 });
        for (var i = 0; i < 5; i++) await bot.SendMessage(ChatId + i, "초대");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(ChatId + 10, "초대"));
        Assert.Equal(429, error.ErrorCode);

        // Replies to chats that just wrote are not bulk; paid broadcasts have their own allowance.
        for (var i = 0; i < 8; i++)
        {
            limited.SendText(ChatId + 20 + i, "/start");
            await bot.SendMessage(ChatId + 20 + i, "첫 질문");
        }
        for (var i = 0; i < 10; i++) await bot.SendMessage(ChatId + 40 + i, "초대", allowPaidBroadcast: true);
        Assert.Equal(1, limited.TooManyRequestsCount);
        Assert.Equal(15, limited.BulkMessageCount);
    }

    [Fact]
    public async Task Invalid_html_is_rejected_like_telegram()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(ChatId, "Answer: 3 < 5 <x>", ParseMode.Html));

        Assert.Equal(400, error.ErrorCode);
        Assert.Contains("can't parse entities", error.Message, StringComparison.Ordinal);
        var ok = await _bot.SendMessage(ChatId, "Answer: 3 &lt; 5", ParseMode.Html);
        Assert.Equal("Answer: 3 < 5", ok.Text);
    }

    [Fact]
    public async Task Method_names_are_case_insensitive_and_unknown_methods_answer_404()
    {
        using var http = new HttpClient();

        using var lower = await http.PostAsync($"{_server.BaseUrl}/bot{TestToken}/getme", null);
        using var unknown = await http.PostAsync($"{_server.BaseUrl}/bot{TestToken}/sendDice", null);

        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"ok\":false", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, _server.CallCount("GETME"));
    }

    [Fact]
    public async Task SetMyCommands_is_retrievable_and_WaitForMessage_reports_the_chat_on_timeout()
    {
        await _bot.SetMyCommands([new BotCommand("start", "Start a survey"), new BotCommand("cancel", "Cancel")]);
        Assert.Equal(["start", "cancel"], _server.Commands.Select(c => c.Command));

        await _bot.SendMessage(ChatId, "Question 1");
        var found = await _server.WaitForMessageAsync(ChatId, m => m.Text.StartsWith("Question", StringComparison.Ordinal), Timeout);
        Assert.Equal("Question 1", found.Text);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(
            () => _server.WaitForMessageAsync(ChatId, m => m.Text == "never", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("Question 1", timeout.Message, StringComparison.Ordinal);
    }
}
