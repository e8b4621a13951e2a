using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>The versions of each flow that respondents were served.</summary>
public sealed class FlowVersionStore(SurveyDbContext db)
{
    /// <summary>
    /// The version number of a flow file's text: the stored one when this exact text was served before;
    /// otherwise a new version (the file's own number, or one past the highest stored, whichever is
    /// higher), stored with the text. So editing a live flow creates a new version by itself.
    /// </summary>
    public async Task<int> RegisterAsync(string flowId, int fileVersion, string content, DateTime now, CancellationToken cancellationToken)
    {
        var hash = Hash(content);
        // Instances starting together on one PostgreSQL database register the same text: the second must read what the
        // first stored, not insert the same version again (which stops its start).
        await CrossProcessHold.TakeAsync(db, "flow version " + flowId, cancellationToken);
        var stored = await db.FlowVersions.AsNoTracking().Where(v => v.FlowId == flowId)
            .Select(v => new { v.Version, v.ContentHash }).ToListAsync(cancellationToken);
        if (stored.Where(v => v.ContentHash == hash).OrderByDescending(v => v.Version).FirstOrDefault() is { } same)
        {
            await CrossProcessHold.CommitAsync(db, cancellationToken);
            return same.Version;
        }
        var version = stored.Count == 0 ? fileVersion : Math.Max(fileVersion, stored.Max(v => v.Version) + 1);
        db.FlowVersions.Add(new FlowVersionRecord { FlowId = flowId, Version = version, ContentHash = hash, Content = content, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await CrossProcessHold.CommitAsync(db, cancellationToken);
        return version;
    }

    /// <summary>Every stored version of the flow, oldest first.</summary>
    public Task<List<FlowVersionRecord>> AllAsync(string flowId, CancellationToken cancellationToken) =>
        db.FlowVersions.AsNoTracking().Where(v => v.FlowId == flowId).OrderBy(v => v.Version).ToListAsync(cancellationToken);

    public static string Hash(string content) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
}
