using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Staff;
using Telegram.Bot;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Carries out a staged <see cref="RecipientListJob"/> for the outbox sender: downloads the uploaded list through the
/// send pipeline (retried like any call) into a temporary file bounded by what arrives (Telegram may omit the file
/// size), then hands it to <see cref="RecipientListImporter"/>, which stores the draft and says what to reply.
/// </summary>
public sealed class RecipientListDownloader(TelegramSendPipeline pipeline, RecipientListImporter importer, IOptions<BroadcastOptions> options)
{
    /// <summary>The reply to send; null when Telegram was unavailable and the job should be tried again later.</summary>
    public async Task<OutboxCall?> ImportAsync(long chatId, RecipientListJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var limit = options.Value.MaxCsvBytes;
        await using var content = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var exceeded = false;
        var download = await pipeline.SendAsync(chatId, SendKind.Other, async (bot, token) =>
        {
            // Every attempt starts from the first byte: a retry after a broken download must not append to it.
            content.SetLength(0);
            var bounded = new BoundedWriteStream(content, limit);
            await bot.GetInfoAndDownloadFile(job.FileId, bounded, token).ConfigureAwait(false);
            exceeded = bounded.Exceeded;
        }, cancellationToken);
        switch (download.Outcome)
        {
            case SendOutcome.Unavailable:
                return null;
            case not SendOutcome.Sent:
                return new OutboxCall { Kind = OutboxCallKind.Send, Text = ConversationReplies.Korean.SomethingWentWrong };
        }
        if (exceeded) return importer.TooLarge();
        content.Position = 0;
        return await importer.ImportAsync(job, content, chatId, cancellationToken);
    }
}
