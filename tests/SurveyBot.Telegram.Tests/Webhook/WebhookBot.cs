using System.Net;
using System.Net.Sockets;
using System.Text;
using SurveyBot.FakeBotApi;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Webhook;

/// <summary>
/// The real SurveyBot program in webhook mode (a <see cref="BotProcess"/>) listening on a free loopback port, registered
/// with the loopback Bot API, which then posts every update to it. Restarting keeps the port, as a service would.
/// </summary>
public sealed class WebhookBot : IDisposable
{
    public const string Secret = "test-secret_0123456789-abcdef";
    public const string UpdatePath = "/telegram/updates";

    private readonly string _folder;
    private readonly Dictionary<string, string> _environment;

    private WebhookBot(string folder, Dictionary<string, string> environment, int port)
    {
        _folder = folder;
        _environment = environment;
        Port = port;
        Process = BotProcess.Start(folder, environment);
    }

    public int Port { get; }
    public BotProcess Process { get; private set; }
    public string Url => $"http://127.0.0.1:{Port}{UpdatePath}";
    public string HealthUrl => $"http://127.0.0.1:{Port}/healthz";

    /// <param name="connectionString">The database; instances that share one (PostgreSQL) are one installation.</param>
    /// <param name="extra">More settings, or ones that replace these (an empty value removes one).</param>
    public static WebhookBot Start(FakeBotApiServer server, string folder, string connectionString, IDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        return new WebhookBot(folder, Environment(server, connectionString, port, extra), port);
    }

    /// <summary>The settings of a webhook-mode bot on <paramref name="port"/>, for tests that start the process themselves.</summary>
    public static Dictionary<string, string> Environment(FakeBotApiServer server, string connectionString, int port, IDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Telegram__BotToken"] = server.Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl,
            ["Telegram__Mode"] = "webhook",
            ["Telegram__WebhookUrl"] = $"http://127.0.0.1:{port}{UpdatePath}",
            ["Telegram__WebhookSecret"] = Secret,
            ["Telegram__WebhookListen"] = $"http://127.0.0.1:{port}",
            ["Telegram__GlobalMessagesPerSecond"] = "0",
            ["Telegram__PerChatMessagesPerSecond"] = "0",
            ["Telegram__RetryBaseDelayMilliseconds"] = "100",
            ["ConnectionStrings__SurveyBot"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__SurveyBot"] = "Information",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            if (value.Length == 0) environment.Remove(key);
            else environment[key] = value;
        }
        return environment;
    }

    /// <summary>A loopback port nobody listens on at the moment of asking.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Waits until this instance has registered its webhook and set its menu (its start is complete).</summary>
    public Task WaitUntilRegisteredAsync() => Process.WaitForOutputAsync("Telegram channel started (webhook)", TimeSpan.FromSeconds(60));

    /// <summary>kill -9, then the same program with the same settings again.</summary>
    public void Restart()
    {
        KillNow();
        Process.Dispose();
        Process = BotProcess.Start(_folder, _environment);
    }

    /// <summary>SIGKILL: nothing of the bot's shutdown runs.</summary>
    public void KillNow()
    {
        if (!Process.HasExited) Process.Kill();
    }

    /// <summary>POSTs <paramref name="body"/> to the webhook as Telegram would, with <paramref name="secret"/> in its header (none when null).</summary>
    public async Task<HttpStatusCode> PostAsync(string body, string? secret)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", secret);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A /start typed in a private chat, as Telegram would post it.</summary>
    public static string StartUpdate(long updateId, long chatId) =>
        $$$"""{"update_id":{{{updateId}}},"message":{"message_id":1,"date":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"chat":{"id":{{{chatId}}},"type":"private","first_name":"Test"},"from":{"id":{{{chatId}}},"is_bot":false,"first_name":"Test"},"text":"/start","entities":[{"offset":0,"length":6,"type":"bot_command"}]}}""";

    public void Dispose() => Process.Dispose();
}
