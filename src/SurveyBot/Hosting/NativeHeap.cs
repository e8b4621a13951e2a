using System.Runtime.InteropServices;

namespace SurveyBot.Hosting;

/// <summary>
/// Caps glibc's malloc arenas at two for the bot's process. glibc gives each thread that meets contention an arena
/// of its own (up to 8 per core), and the bot's threads (receiver, processor shards, sender, SQLite, sockets) each
/// keep one partly touched: under the soak that was about 15 MB of RSS and the peaks over 200 MB. The setting is the
/// MALLOC_ARENA_MAX variable operators set by hand; called first thing in <c>Main</c> it needs no environment, so the
/// two README commands, systemd and Docker all get it. The runtime has no managed API for it, hence the P/Invoke.
/// </summary>
public static class NativeHeap
{
    private const int ArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    public static void LimitArenas(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return;
        try
        {
            _ = mallopt(ArenaMax, arenas);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no arenas to cap): nothing to do.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
