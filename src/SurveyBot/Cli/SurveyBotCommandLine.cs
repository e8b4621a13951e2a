using System.CommandLine;

namespace SurveyBot.Cli;

/// <summary>The command line: no verb runs the bot; verbs validate and draw flows, export results, print fieldwork stats and draw charts; backup, health, erase and set-aside serve operators.</summary>
public static class SurveyBotCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("SurveyBot: chat survey bot. With no verb it runs the bot (Telegram when Telegram__BotToken is set, else the console).");
        RunVerb.Attach(root);
        root.Subcommands.Add(ValidateVerb.Create());
        root.Subcommands.Add(GraphVerb.Create());
        root.Subcommands.Add(ExportVerb.Create());
        root.Subcommands.Add(StatsVerb.Create());
        root.Subcommands.Add(ChartVerb.Create());
        root.Subcommands.Add(BackupVerb.Create());
        root.Subcommands.Add(HealthVerb.Create());
        root.Subcommands.Add(EraseVerb.Create());
        root.Subcommands.Add(SetAsideVerb.Create());
        root.Subcommands.Add(InviteVerb.Create());
        root.Subcommands.Add(BroadcastVerb.Create());
        root.Subcommands.Add(BroadcastStatusVerb.Create());
        return root;
    }
}
