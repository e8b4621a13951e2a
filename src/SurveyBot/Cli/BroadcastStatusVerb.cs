using System.CommandLine;
using SurveyBot.Staff;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary><c>broadcast-status [--id N]</c>: a broadcast's delivery counts, rate and time left (the running one, else the newest).</summary>
public static class BroadcastStatusVerb
{
    public static Command Create()
    {
        var id = new Option<long?>("--id") { Description = "broadcast number (default: the running one, else the newest)" };
        var command = new Command("broadcast-status", "Delivery counts of a broadcast: sent, blocked, failed, skipped, left; rate and time left") { id };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await CliDatabase.OpenAsync(cancellationToken);
            await using var db = await CliDatabase.Factory(host).CreateDbContextAsync(cancellationToken);
            var store = new BroadcastStore(db);
            var broadcast = result.GetValue(id) is { } chosen ? await store.FindAsync(chosen, cancellationToken) : await store.CurrentAsync(cancellationToken);
            if (broadcast is null)
            {
                Console.Error.WriteLine("no such broadcast");
                return 1;
            }
            Console.WriteLine(await BroadcastReport.DescribeAsync(store, broadcast, DateTime.UtcNow, StaffReplies.Korean, cancellationToken));
            return 0;
        });
        return command;
    }
}
