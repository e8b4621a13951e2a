using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SurveyBot.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server of its own, as the tests start their own Bot API: Debian's binaries
/// (<c>/usr/lib/postgresql/VERSION/bin</c>), a cluster made with <c>initdb</c> in a temporary folder, <c>pg_ctl start</c>
/// on a free loopback port with its unix socket in that folder, stopped and deleted at the end. PostgreSQL refuses to
/// run as root: under root (as in CI) the server runs as the <c>postgres</c> user, which owns the folder.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string SuperUser = "surveybot";
    private readonly string _bin;
    private readonly string _data;
    private readonly bool _asPostgresUser;
    private int _databases;

    private PostgresServer(string bin, string folder, int port, bool asPostgresUser)
    {
        _bin = bin;
        Folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public string Folder { get; }
    public int Port { get; }

    /// <summary>The newest PostgreSQL found, or an exception saying what to install.</summary>
    public static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException("PostgreSQL is not installed: the Postgres tests need its server binaries (apt-get install postgresql; .ci/run installs it)");
    }

    /// <param name="durable">fsync on, as in production (the benchmark); off for tests, which never lose the machine.</param>
    public static PostgresServer Start(bool durable = false)
    {
        var bin = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("surveybot-pg-").FullName;
        var server = new PostgresServer(bin, folder, FreePort(), asPostgresUser);
        try
        {
            if (asPostgresUser) Run("chown", ["-R", "postgres:postgres", folder]);
            server.RunTool("initdb", ["-D", server._data, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            var options = $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200" + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            server.RunTool("pg_ctl", ["-D", server._data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = SuperUser, Database = database, Pooling = true, MaxPoolSize = 50 }.ToString();

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public string CreateDatabase(string? name = null)
    {
        name ??= $"surveybot_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_data)) RunTool("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Not running (a failed start): the folder goes all the same.
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void RunTool(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_bin, tool);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private static void Run(string file, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
