using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Flows;

/// <summary>The flows this bot serves, loaded from the flows folder at start; a broken flow stops the start with its errors.</summary>
public sealed class FlowCatalog
{
    private readonly Dictionary<string, LoadedFlow> _flows;
    private readonly Dictionary<(string Id, int Version), LoadedFlow> _earlier = [];

    /// <summary>The configured flows; a <c>Survey__DefaultFlow</c> naming none of them stops the start (every plain /start would fail).</summary>
    public FlowCatalog(IOptions<SurveyOptions> options) : this(ResolveFolder(options.Value.FlowsPath), options.Value.Fielding)
    {
        var configured = options.Value.DefaultFlow;
        if (!_flows.ContainsKey(configured))
            throw new InvalidOperationException(
                $"Survey__DefaultFlow={configured}: there is no flow '{configured}' in {options.Value.FlowsPath} (flows: {string.Join(", ", _flows.Keys.Order(StringComparer.Ordinal))})");
    }

    /// <param name="fielding">Fielding windows by flow id; a window naming no flow, or with dates in the wrong order, stops the start.</param>
    public FlowCatalog(string folder, IReadOnlyDictionary<string, FieldingWindow>? fielding = null)
    {
        _flows = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(LoadFile)
            .ToDictionary(f => f.Id, StringComparer.Ordinal);
        foreach (var (flowId, window) in fielding ?? new Dictionary<string, FieldingWindow>())
        {
            if (!_flows.TryGetValue(flowId, out var flow)) throw new InvalidOperationException($"Survey:Fielding:{flowId}: there is no flow '{flowId}'");
            if (window.Problem() is { } problem) throw new InvalidOperationException($"Survey:Fielding:{flowId}: {problem}");
            _flows[flowId] = flow with { Fielding = window };
        }
    }

    public IReadOnlyCollection<LoadedFlow> All => _flows.Values;

    public LoadedFlow this[string id] => _flows.TryGetValue(id, out var flow) ? flow : throw new KeyNotFoundException($"no flow '{id}'");

    public bool TryGet(string id, out LoadedFlow flow) => _flows.TryGetValue(id, out flow!);

    /// <summary>
    /// The flow as version <paramref name="version"/> defined it, for an interview begun on it; the
    /// current definition when that version is the current one or was never stored.
    /// </summary>
    public bool TryGet(string id, int version, out LoadedFlow flow)
    {
        lock (_earlier)
            if (_earlier.TryGetValue((id, version), out flow!)) return true;
        return _flows.TryGetValue(id, out flow!);
    }

    /// <summary>Numbers the current definition of a flow as the version storage gave its file.</summary>
    public void UseVersion(string id, int version)
    {
        var flow = _flows[id];
        if (flow.Definition.Version == version) return;
        var definition = flow.Definition with { Version = version };
        _flows[id] = flow with { Definition = definition, Plan = new FlowPlan(definition) };
    }

    /// <summary>Adds an earlier version of a flow (from storage), so interviews begun on it finish on it.</summary>
    public void AddEarlier(FlowDefinition definition)
    {
        lock (_earlier) _earlier[(definition.Id, definition.Version)] = new LoadedFlow(definition, new FlowPlan(definition));
    }

    public static LoadedFlow LoadFile(string path)
    {
        var content = File.ReadAllText(path);
        var definition = FlowLoader.Load(content, Path.GetRelativePath(Directory.GetCurrentDirectory(), path));
        return new LoadedFlow(definition, new FlowPlan(definition)) { Content = content };
    }

    /// <summary>Finds the flows folder: as configured from the working directory, else the copy beside the program.</summary>
    public static string ResolveFolder(string configured)
    {
        if (Directory.Exists(configured)) return configured;
        var besideProgram = Path.Combine(AppContext.BaseDirectory, configured);
        if (Directory.Exists(besideProgram)) return besideProgram;
        throw new DirectoryNotFoundException($"flows folder '{configured}' not found (set Survey__FlowsPath)");
    }
}
