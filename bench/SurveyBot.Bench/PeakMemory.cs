namespace SurveyBot.Bench;

/// <summary>Peak resident set size of this process, as the kernel counts it (VmHWM).</summary>
public static class PeakMemory
{
    public static double Megabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return Environment.WorkingSet / 1024.0 / 1024.0;
    }
}
