using System.Diagnostics;
using System.Text;

namespace SurveyBot.Testing;

/// <summary>Runs the real SurveyBot program as a child process (so it can be killed) with its own environment.</summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BotProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static BotProcess Start(string workingDirectory, IDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(ProgramFolder, "SurveyBot.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Telegram__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return new BotProcess(Process.Start(info)!);
    }

    /// <summary>
    /// The program's own build output (same configuration as the tests), not the copy beside the tests:
    /// the test folder resolves shared assemblies against ASP.NET Core, which the bot does not load.
    /// </summary>
    private static string ProgramFolder
    {
        get
        {
            // Whichever test project runs (tests/<project>/bin/<configuration>/...), the program's is src/SurveyBot/bin/<configuration>/...
            var bin = new DirectoryInfo(AppContext.BaseDirectory);
            while (bin is not null && !(bin.Name == "bin" && bin.Parent?.Parent?.Name == "tests")) bin = bin.Parent;
            if (bin?.Parent?.Parent?.Parent is not { } root) return AppContext.BaseDirectory;
            var own = Path.Combine(root.FullName, "src", "SurveyBot", "bin", Path.GetRelativePath(bin.FullName, AppContext.BaseDirectory));
            return File.Exists(Path.Combine(own, "SurveyBot.dll")) ? own : AppContext.BaseDirectory;
        }
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as with kill -9.</summary>
    public void Kill() => Process.Start("kill", ["-9", _process.Id.ToString()])!.WaitForExit();

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{text}' not seen in output:\n{Output}");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
