using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Channels.Telegram;
using SurveyBot.Cli;
using SurveyBot.Configuration;
using SurveyBot.Operations;
using SurveyBot.Supervision;
using Telegram.Bot;

namespace SurveyBot.Hosting;

/// <summary>
/// Webhook mode's HTTP side: Kestrel on <see cref="TelegramOptions.WebhookListen"/>, answering Telegram's POST on the
/// webhook URL's path (401 without the secret, 400 for a body that is no update, 413 past the size bound, 429 or 503
/// when the update cannot be taken now, 200 once it is committed) and the load balancer's <c>GET /healthz</c>. It
/// starts with the host, so a listen address that cannot be bound stops the start.
/// </summary>
public sealed class WebhookListener(
    WebhookIntake intake,
    ITelegramBotClient bot,
    IOptions<StorageOptions> storage,
    TokenRedactor redactor,
    TimeProvider clock,
    ILoggerFactory loggers,
    IOptions<TelegramOptions> options) : IHostedService, IAsyncDisposable
{
    /// <summary>How long the health endpoint lets getMe take; a load balancer's probe gives up after a few seconds.</summary>
    private static readonly TimeSpan HealthBotApiTimeout = TimeSpan.FromSeconds(5);

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The empty builder reads no configuration of its own: every setting comes from SurveyBot's (already validated).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(WebhookListener).Assembly.GetName().Name });
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = WebhookPaths.MaxBodyBytes;
        });
        builder.WebHost.UseUrls(settings.WebhookListen);
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.MapPost(new Uri(settings.WebhookUrl).AbsolutePath, new RequestDelegate(ReceiveAsync));
        _app.MapGet(WebhookPaths.Health, new RequestDelegate(ReportHealthAsync));
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (IOException error)
        {
            throw new InvalidOperationException(
                $"{TelegramOptions.Section}__{nameof(TelegramOptions.WebhookListen)}={settings.WebhookListen} cannot be listened on: {error.Message}", error);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (!intake.IsAuthorized(context.Request.Headers[WebhookPaths.SecretHeader].FirstOrDefault()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException tooLarge)
        {
            context.Response.StatusCode = tooLarge.StatusCode;
            return;
        }
        var outcome = await intake.AcceptAsync(body, context.RequestAborted);
        context.Response.StatusCode = outcome switch
        {
            WebhookOutcome.Stored => StatusCodes.Status200OK,
            WebhookOutcome.Malformed => StatusCodes.Status400BadRequest,
            WebhookOutcome.Busy => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        // A hint for proxies and for Telegram, which retries any answer but 2xx in any case.
        if (outcome is WebhookOutcome.Busy or WebhookOutcome.Unavailable) context.Response.Headers.RetryAfter = "1";
    }

    private async Task ReportHealthAsync(HttpContext context)
    {
        // The storage the bot itself uses: on PostgreSQL there is no file to look for.
        var (provider, connectionString) = storage.Value.ResolveOrThrow();
        var report = await new HealthCheck(provider, connectionString, bot, options.Value.ApiBaseUrl, redactor, clock)
            .RunAsync(TimeSpan.FromSeconds(HealthVerb.DefaultMaxBacklogAgeSeconds), HealthBotApiTimeout, context.RequestAborted);
        context.Response.StatusCode = report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            healthy = report.IsHealthy,
            checks = report.Lines.Select(l => new { area = l.Area, ok = l.Healthy, text = l.Text }),
        }, cancellationToken: context.RequestAborted);
    }
}
