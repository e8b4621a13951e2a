using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Console;

/// <summary>
/// The terminal talks through the same conversation layer as Telegram: a command typed there gets the conversation's
/// reply, not an answer refused by the question, and a terminal respondent never becomes a Telegram contact.
/// </summary>
public sealed class ConsoleConversationTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private Dictionary<string, string> Environment => new() { ["ConnectionStrings__SurveyBot"] = _database.ConnectionString };

    [Fact]
    public async Task Help_and_stop_typed_in_the_terminal_get_the_conversations_replies_and_store_no_contact()
    {
        var help = ConversationReplies.Korean.Help.Split('\n')[0];
        using (var console = BotProcess.Start(_database.Folder, Environment))
        {
            await console.WriteLineAsync("");
            await console.WriteLineAsync("/help");
            await console.WaitForOutputAsync(help, TimeSpan.FromSeconds(60));
            await console.WriteLineAsync("/stop");
            await console.WaitForOutputAsync(ConversationReplies.Korean.Stopped.Split('\n')[0], TimeSpan.FromSeconds(30));
            await console.WriteLineAsync("7");
            await console.WaitForOutputAsync("SQ2)", TimeSpan.FromSeconds(30));
            console.CloseInput();
            Assert.Equal(0, await console.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal("7", _database.AnswersOf("console", 1)["SQ1"]);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Contacts.CountAsync());
    }

    public void Dispose() => _database.Dispose();
}
