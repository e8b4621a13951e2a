using SurveyBot.Channels.Telegram;

namespace SurveyBot.Telegram.Tests.Telegram;

public sealed class MessageChunksTests
{
    [Fact]
    public void Long_text_is_split_at_line_breaks_into_messages_telegram_accepts_and_nothing_is_lost()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"- 항목 {i}: {i * 7}명 ({i % 100}.0%)").ToList();
        var text = string.Join("\n", lines);
        Assert.True(text.Length > 2 * MessageChunks.MaxMessageLength);

        var chunks = MessageChunks.Split(text);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, MessageChunks.MaxMessageLength));
        Assert.Equal(lines, chunks.SelectMany(c => c.Split('\n')));
    }

    [Fact]
    public void A_line_longer_than_a_message_is_cut_without_splitting_an_emoji()
    {
        var text = new string('가', MessageChunks.MaxMessageLength - 1) + "😀" + "끝";
        var chunks = MessageChunks.Split(text);
        Assert.Equal(2, chunks.Count);
        Assert.Equal(MessageChunks.MaxMessageLength - 1, chunks[0].Length);
        Assert.Equal("😀끝", chunks[1]);
        Assert.Equal(["짧은 글"], MessageChunks.Split("짧은 글"));
    }
}
