using System.Diagnostics;
using System.Text;

namespace SurveyBot.Testing;

/// <summary>
/// GNU PSPP for the tests that read SurveyBot's SPSS exports back. Installs the Debian package when
/// <c>pspp</c> is not on PATH (CI runs as root on a fresh machine), then runs syntax in batch.
/// </summary>
public static class Pspp
{
    private static readonly Lazy<string> Executable = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Executable.Value;

    /// <summary>Runs <paramref name="syntax"/> in <paramref name="folder"/>; returns the text output, or throws with it on failure.</summary>
    public static async Task<string> RunAsync(string folder, string syntax)
    {
        var file = System.IO.Path.Combine(folder, "check.sps");
        var output = System.IO.Path.Combine(folder, "check.txt");
        await File.WriteAllTextAsync(file, syntax, new UTF8Encoding(false));
        var (exit, log) = await RunProcessAsync(Path, folder, "-O", "format=txt", "-o", output, file);
        var text = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
        if (exit != 0 || text.Contains("error:", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"pspp failed ({exit}):\n{log}\n{text}");
        return text;
    }

    private static string Install()
    {
        if (Find() is { } found) return found;
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var (exit, log) = RunProcessAsync("apt-get", "/", environment, "install", "-y", "-q", "pspp").GetAwaiter().GetResult();
        if (exit != 0 || Find() is null)
        {
            // A fresh machine may have no package lists yet.
            var update = RunProcessAsync("apt-get", "/", environment, "update", "-q").GetAwaiter().GetResult();
            (exit, var again) = RunProcessAsync("apt-get", "/", environment, "install", "-y", "-q", "pspp").GetAwaiter().GetResult();
            log += update.Output + again;
        }
        return Find() ?? throw new InvalidOperationException($"could not install GNU PSPP with apt-get (exit {exit}):\n{log}");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => System.IO.Path.Combine(dir, "pspp")).FirstOrDefault(File.Exists);

    private static Task<(int Exit, string Output)> RunProcessAsync(string program, string folder, params string[] args) =>
        RunProcessAsync(program, folder, new Dictionary<string, string>(), args);

    private static async Task<(int Exit, string Output)> RunProcessAsync(string program, string folder, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
