namespace SurveyBot.Bench;

/// <summary>A process's resident memory and thread count as the kernel reports them (<c>/proc/PID/status</c>).</summary>
public sealed record ProcessStatus(double RssMegabytes, int Threads)
{
    /// <summary>Null when the process is gone.</summary>
    public static ProcessStatus? Of(int processId)
    {
        try
        {
            double rss = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            return new ProcessStatus(rss, threads);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
