using Microsoft.Extensions.Options;
using SurveyBot.Configuration;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Flows;

/// <summary>The flows this bot serves, loaded from the flows folder at start; a broken flow stops the start with its errors.</summary>
public sealed class FlowCatalog
{
    private readonly Dictionary<string, LoadedFlow> _flows;

    public FlowCatalog(IOptions<SurveyOptions> options) : this(ResolveFolder(options.Value.FlowsPath), options.Value.Fielding) { }

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

    public static LoadedFlow LoadFile(string path)
    {
        var definition = FlowLoader.Load(File.ReadAllText(path), Path.GetRelativePath(Directory.GetCurrentDirectory(), path));
        return new LoadedFlow(definition, new FlowPlan(definition));
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
