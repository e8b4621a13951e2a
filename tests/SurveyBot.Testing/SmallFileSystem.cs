using System.Diagnostics;

namespace SurveyBot.Testing;

/// <summary>
/// A small tmpfs mounted on a temporary folder, so a test can fill the database's file system and free it again.
/// Mounting needs root (the tests run as root in CI); <see cref="TryMount"/> says why when it is not permitted.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    private SmallFileSystem(string folder) => Folder = folder;

    public string Folder { get; }

    private string FillerPath => Path.Combine(Folder, "filler");

    public static SmallFileSystem? TryMount(int megabytes, out string? whyNot)
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-tmpfs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        if (code != 0)
        {
            Directory.Delete(folder);
            whyNot = $"mount -t tmpfs is not permitted here ({output.Trim()})";
            return null;
        }
        whyNot = null;
        return new SmallFileSystem(folder);
    }

    /// <summary>Writes a file until the file system has no room left.</summary>
    public void Fill()
    {
        using var file = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var block = new byte[64 * 1024];
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
        // The last partial blocks too, so not even a page is left.
        var one = new byte[512];
        try
        {
            while (true) file.Write(one);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Whether a 4 KiB write fails for want of room.</summary>
    public bool IsFull()
    {
        var probe = Path.Combine(Folder, "probe");
        try
        {
            File.WriteAllBytes(probe, new byte[4096]);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { }
        }
    }

    public void Free() => File.Delete(FillerPath);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Folder);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
