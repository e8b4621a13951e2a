using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SurveyBot.Channels.Console;
using SurveyBot.Configuration;
using SurveyBot.Conversation;
using SurveyBot.Flows;
using SurveyBot.Storage;

namespace SurveyBot.Hosting;

/// <summary>With no bot token, the host runs one interview in the terminal and stops when it ends.</summary>
public sealed class ConsoleWorker(
    IDbContextFactory<SurveyDbContext> databases,
    FlowCatalog flows,
    ConversationHandler conversation,
    TimeProvider clock,
    IOptions<SurveyOptions> options,
    ConsoleRespondent respondent,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        System.Console.OutputEncoding = System.Text.Encoding.UTF8;
        System.Console.InputEncoding = System.Text.Encoding.UTF8;
        try
        {
            var channel = new ConsoleChannel(databases, flows, conversation, clock, System.Console.In, System.Console.Out);
            await channel.RunAsync(respondent.Flow ?? options.Value.DefaultFlow, respondent.Key, stoppingToken);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
