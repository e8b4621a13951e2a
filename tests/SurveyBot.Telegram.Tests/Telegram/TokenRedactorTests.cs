using SurveyBot.Supervision;

namespace SurveyBot.Telegram.Tests.Telegram;

public sealed class TokenRedactorTests
{
    private const string Token = "123456:ABC-def_GHI";
    private readonly TokenRedactor _redactor = new(Token);

    [Theory]
    [InlineData("POST https://api.telegram.org/bot123456:ABC-def_GHI/sendMessage", "POST https://api.telegram.org/bot***/sendMessage")]
    [InlineData("GET /bot123456%3AABC-def_GHI/getMe", "GET /bot***/getMe")]
    [InlineData("token 123456:ABC-def_GHI in text", "token *** in text")]
    [InlineData("nothing secret", "nothing secret")]
    [InlineData("", "")]
    public void Masks_the_token_in_urls_and_text(string text, string expected) => Assert.Equal(expected, _redactor.Redact(text));

    [Fact]
    public void Describes_an_exception_chain_without_the_token()
    {
        var error = new InvalidOperationException("call failed",
            new HttpRequestException($"Error while copying content for http://host/bot{Token}/sendMessage"));

        var text = _redactor.Describe(error);

        Assert.Equal("InvalidOperationException: call failed ---> HttpRequestException: Error while copying content for http://host/bot***/sendMessage", text);
    }

    [Fact]
    public void An_empty_token_changes_nothing() => Assert.Equal("bot/getMe", new TokenRedactor(string.Empty).Redact("bot/getMe"));
}
