using SurveyBot.Staff;
namespace SurveyBot.Storage.Tests.Staff;

/// <summary>What staff type after /invite and what an uploaded CSV of chat ids may look like.</summary>
public sealed class StaffInputTests
{
    [Theory]
    [InlineData("", 1, false, "invite", 30)]
    [InlineData("20 gangnam", 20, false, "gangnam", 30)]
    [InlineData("gangnam 20", 20, false, "gangnam", 30)]
    [InlineData("multi poster 14d", 1, true, "poster", 14)]
    [InlineData("7d", 1, false, "invite", 7)]
    public void Invite_words_give_count_kind_source_and_days(string words, int count, bool multi, string source, int days) =>
        Assert.Equal(new InviteRequest(count, multi, source, days), InviteRequest.Parse(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), 30, 50));

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("multi 3")]
    [InlineData("2 3")]
    [InlineData("bad!source")]
    [InlineData("0d")]
    [InlineData("366d")]
    [InlineData("a b")]
    [InlineData("this_source_is_far_too_long_for_a_link_x")]
    public void Invite_words_out_of_range_or_not_understood_are_refused(string words) =>
        Assert.Null(InviteRequest.Parse(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), 30, 50));

    [Fact]
    public void A_csv_gives_distinct_ids_in_order_skipping_a_header_and_other_columns()
    {
        var (ids, error) = ChatIdList.Parse("\uFEFFchat_id,name\r\n12345,김\r\n-100777;x\n\n12345\n\t\n678\t9\n");
        Assert.Null(error);
        Assert.Equal([12345L, -100777L, 678L], ids);
    }

    [Theory]
    [InlineData("111\nabc\n222", "2번째 줄 'abc'")]
    [InlineData("chat_id\n", "채팅 ID가 하나도 없습니다")]
    [InlineData("", "채팅 ID가 하나도 없습니다")]
    public void A_csv_with_a_line_that_is_not_an_id_is_refused_with_its_line(string text, string message)
    {
        var (ids, error) = ChatIdList.Parse(text);
        Assert.Empty(ids);
        Assert.Contains(message, error);
    }
}
