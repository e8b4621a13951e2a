namespace SurveyBot.Bench;

/// <summary>Peak resident set size of this process, as the kernel counts it (VmHWM).</summary>
public static class PeakMemory
{
    public static double Megabytes() => Megabytes("self") ?? Environment.WorkingSet / 1024.0 / 1024.0;

    /// <summary>The peak of another process (by id), or null when it is gone.</summary>
    public static double? Megabytes(string process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>Resets the kernel's peak (writing 5 to clear_refs), so the next reading covers only what follows.</summary>
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
