using System.CommandLine;
using System.Globalization;
using SurveyBot.Staff;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Cli;

/// <summary>
/// <c>broadcast --flow F (--csv FILE | --audience all|new|in_progress) [--text T] [--confirm]</c>: preview a broadcast, and
/// with <c>--confirm</c> queue it; the running bot sends it (at the broadcast rate, resuming after a restart).
/// </summary>
public static class BroadcastVerb
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "flow id", DefaultValueFactory = _ => "citizen" };
        var csv = new Option<FileInfo?>("--csv") { Description = "a CSV file with one chat id per line (first column; a header line is skipped)" };
        var audience = new Option<string?>("--audience") { Description = "all, new or in_progress (instead of --csv)" };
        var text = new Option<string?>("--text") { Description = "the message (default: the invitation, or the reminder for in_progress)" };
        var confirm = new Option<bool>("--confirm") { Description = "queue it for sending; without it only the preview is printed" };
        var command = new Command("broadcast", "Preview a broadcast and, with --confirm, queue it for the running bot to send") { flow, csv, audience, text, confirm };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await CliDatabase.OpenAsync(cancellationToken);
            if (!CliDatabase.TryGetFlow(host, result.GetValue(flow)!, out var loaded)) return 2;
            var file = result.GetValue(csv);
            var named = result.GetValue(audience) is { } typed ? BroadcastAudience.Parse(typed) : null;
            if ((file is null) == (named is null) || named == BroadcastAudience.Csv)
            {
                Console.Error.WriteLine("give either --csv FILE or --audience all|new|in_progress");
                return 2;
            }
            await using var db = await CliDatabase.Factory(host).CreateDbContextAsync(cancellationToken);
            var store = new BroadcastStore(db);
            IReadOnlyList<long>? listed = null;
            int size;
            if (file is not null)
            {
                IReadOnlyList<long> ids;
                string? error;
                using (var reader = File.OpenText(file.FullName)) (ids, error) = ChatIdList.Read(reader);
                if (error is not null)
                {
                    Console.Error.WriteLine($"{file.Name}: {error}");
                    return 2;
                }
                listed = ids;
                size = ids.Count;
            }
            else size = await store.CountAudienceAsync(loaded.Id, named!, cancellationToken);
            var chosen = named ?? BroadcastAudience.Csv;
            var replies = StaffReplies.Korean;
            var message = result.GetValue(text) is { Length: > 0 } custom ? custom
                : string.Format(CultureInfo.InvariantCulture, chosen == BroadcastAudience.InProgress ? replies.Reminder : replies.Invitation, loaded.Definition.Title);
            var settings = StaffCli.Broadcast(host);
            Console.WriteLine($"flow {loaded.Id}, audience {chosen}: {size} recipient(s), at most {settings.RateFor(settings.PaidBroadcasts)} messages/s{(settings.PaidBroadcasts ? " (paid)" : "")}");
            Console.WriteLine("---");
            Console.WriteLine(message);
            Console.WriteLine("---");
            if (size == 0)
            {
                Console.Error.WriteLine("nobody to send to; nothing queued");
                return 1;
            }
            if (!result.GetValue(confirm))
            {
                Console.WriteLine("preview only: add --confirm to queue it");
                return 0;
            }
            var now = DateTime.UtcNow;
            var invitation = new InvitationStore(db).Stage(loaded.Id, "broadcast", singleUse: false, now.AddDays(StaffCli.Fieldwork(host).InvitationValidDays), 0, now);
            var broadcast = store.StageDraft(loaded.Id, chosen, message, invitation.Token, settings.PaidBroadcasts, 0, now, listed?.ToList());
            broadcast.Status = BroadcastRecord.Running;
            broadcast.StartedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            Console.WriteLine($"queued broadcast #{broadcast.Id}: the running bot sends it; follow it with broadcast-status");
            return 0;
        });
        return command;
    }
}
