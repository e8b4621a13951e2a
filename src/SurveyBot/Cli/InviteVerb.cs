using System.CommandLine;
using SurveyBot.Channels.Telegram;
using SurveyBot.Staff;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary><c>invite --flow F [--count N | --multi] [--source S] [--days D] [--bot NAME]</c>: create invitation links and print them.</summary>
public static class InviteVerb
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "flow id", DefaultValueFactory = _ => "citizen" };
        var count = new Option<int>("--count") { Description = "how many single-use links", DefaultValueFactory = _ => 1 };
        var multi = new Option<bool>("--multi") { Description = "one link any number of people may use until it expires" };
        var source = new Option<string>("--source") { Description = "stored with respondents and exported as source (a letter, then A-Z a-z 0-9 _ -, up to 32)", DefaultValueFactory = _ => InviteRequest.DefaultSource };
        var days = new Option<int?>("--days") { Description = "days the links stay valid (default Fieldwork__InvitationValidDays, 30)" };
        var bot = new Option<string?>("--bot") { Description = "the bot's username (default: asked with getMe using Telegram__BotToken)" };
        var command = new Command("invite", "Create invitation links (t.me/<bot>?start=<token>) and print one per line") { flow, count, multi, source, days, bot };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await CliDatabase.OpenAsync(cancellationToken);
            if (!CliDatabase.TryGetFlow(host, result.GetValue(flow)!, out var loaded)) return 2;
            var validDays = result.GetValue(days) ?? StaffCli.Fieldwork(host).InvitationValidDays;
            var isMulti = result.GetValue(multi);
            var howMany = isMulti ? 1 : result.GetValue(count);
            var origin = result.GetValue(source)!;
            if (howMany is < 1 or > 100_000 || validDays is < 1 or > 365 || !InviteRequest.SourcePattern().IsMatch(origin))
            {
                Console.Error.WriteLine("--count must be 1-100000, --days 1-365 and --source a letter then up to 31 of A-Z a-z 0-9 _ -");
                return 2;
            }
            var username = await StaffCli.BotUsernameAsync(host, result.GetValue(bot), cancellationToken);
            if (username is null) return 2;
            await using var db = await CliDatabase.Factory(host).CreateDbContextAsync(cancellationToken);
            var store = new InvitationStore(db);
            var now = DateTime.UtcNow;
            var created = Enumerable.Range(0, howMany).Select(_ => store.Stage(loaded.Id, origin, !isMulti, now.AddDays(validDays), 0, now)).ToList();
            await db.SaveChangesAsync(cancellationToken);
            foreach (var invitation in created) Console.WriteLine(BotIdentity.Link(username, invitation.Token));
            Console.Error.WriteLine($"{created.Count} {(isMulti ? "multi-use" : "single-use")} link(s) for {loaded.Id}, source {origin}, valid until {now.AddDays(validDays):yyyy-MM-dd HH:mm} UTC");
            return 0;
        });
        return command;
    }
}
