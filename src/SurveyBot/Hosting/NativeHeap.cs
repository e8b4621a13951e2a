using System.Runtime.InteropServices;

namespace SurveyBot.Hosting;

/// <summary>
/// Keeps glibc's malloc from holding memory the bot no longer uses. glibc gives each thread that meets contention an
/// arena of its own (up to 8 per core), and the bot's threads (receiver, processor shards, sender, SQLite, sockets)
/// each keep one partly touched: under the soak that was about 15 MB of RSS, so the arenas are capped at two. glibc
/// also raises its mmap threshold each time a large block is freed, after which such blocks (SQLite's statement and
/// page buffers, TLS records) come from the heap and stay there; a fixed threshold hands them back on free, and a
/// periodic <see cref="Trim"/> returns the free pages inside the heap (see <see cref="NativeHeapTrimmer"/>). These
/// are the MALLOC_ARENA_MAX / MALLOC_MMAP_THRESHOLD_ variables operators set by hand; set first thing in <c>Main</c>
/// they need no environment, so the two README commands, systemd and Docker all get them. The runtime has no managed
/// API for malloc's settings, hence the P/Invoke.
/// </summary>
public static class NativeHeap
{
    // Parameter numbers from glibc's malloc.h.
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;
    private const int ArenaMax = -8;

    /// <summary>Blocks of this size and more are mapped on their own and unmapped when freed.</summary>
    private const int LargeBlock = 128 * 1024;

    public static bool Available { get; private set; }

    public static void Configure(int arenas = 2)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            // A value an operator set in the environment wins over ours.
            if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null) _ = mallopt(ArenaMax, arenas);
            if (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null) _ = mallopt(MmapThreshold, LargeBlock);
            if (Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is null) _ = mallopt(TrimThreshold, LargeBlock);
            Available = true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no arenas to cap and trims by itself): nothing to do.
        }
    }

    /// <summary>Returns the free pages of every arena to the system; cheap at the bot's heap sizes (well under a millisecond).</summary>
    public static void Trim()
    {
        if (Available) _ = malloc_trim(0);
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
