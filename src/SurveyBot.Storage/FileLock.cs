namespace SurveyBot.Storage;

/// <summary>
/// An exclusive lock on a file, held by the operating system for this process: it is released when
/// the lock is disposed or when the process ends, even by SIGKILL, so it can never be left stale.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until no other process holds the lock, then takes it.</summary>
    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
