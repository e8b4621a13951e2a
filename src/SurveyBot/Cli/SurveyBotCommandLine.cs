using System.CommandLine;

namespace SurveyBot.Cli;

/// <summary>The command line: no verb runs the bot; verbs validate and draw flows and export results.</summary>
public static class SurveyBotCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("SurveyBot: chat survey bot. With no verb it runs the bot (Telegram when Telegram__BotToken is set, else the console).");
        RunVerb.Attach(root);
        root.Subcommands.Add(ValidateVerb.Create());
        root.Subcommands.Add(GraphVerb.Create());
        root.Subcommands.Add(ExportVerb.Create());
        return root;
    }
}
