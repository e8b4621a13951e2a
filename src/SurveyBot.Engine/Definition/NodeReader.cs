using YamlDotNet.RepresentationModel;

namespace SurveyBot.Engine.Definition;

/// <summary>
/// Reads one node's keys for its kind, reporting every problem with the file, the key's line and the node's code,
/// so a kind parses its own keys without knowing YAML.
/// </summary>
public sealed class NodeReader
{
    private readonly FlowLoader _loader;
    private readonly YamlMappingNode _node;
    private readonly string _code;

    internal NodeReader(FlowLoader loader, YamlMappingNode node, string code)
    {
        _loader = loader;
        _node = node;
        _code = code;
    }

    public string? Str(string key, bool required = false) => _loader.Str(_node, key, _code, required);

    public int? Int(string key, bool required = false) => _loader.Int(_node, key, _code, required);

    public bool Bool(string key) => _loader.Bool(_node, key, _code);

    /// <summary>Reports a problem with <paramref name="key"/> (on its line, or the node's when absent).</summary>
    public void Error(string key, string message) => _loader.Error(_loader.Line(_node, key), _code, message);

    /// <summary>The <c>rotate</c> key: only cyclic rotation exists.</summary>
    public bool Rotate()
    {
        var rotate = Str("rotate");
        if (rotate is not (null or "cyclic")) Error("rotate", $"rotate must be 'cyclic', not '{rotate}'");
        return rotate == "cyclic";
    }

    public List<ChoiceOption> Options()
    {
        var result = new List<ChoiceOption>();
        foreach (var option in Entries("options", "each option must be {code, label}"))
        {
            var optionCode = _loader.Int(option, "code", _code, required: true);
            var label = _loader.Str(option, "label", _code, required: true);
            if (optionCode is null || label is null) continue;
            result.Add(new ChoiceOption(optionCode.Value, label)
            {
                Other = _loader.Bool(option, "other", _code),
                OtherPrompt = _loader.Str(option, "other_prompt", _code),
                ScoreFrom = _loader.Str(option, "score_from", _code),
                Line = FlowLoader.LineOf(option),
            });
        }
        return result;
    }

    /// <summary>The mappings listed under <paramref name="key"/>; an entry of another shape is reported with <paramref name="shape"/> and skipped.</summary>
    private IEnumerable<YamlMappingNode> Entries(string key, string shape)
    {
        if (FlowLoader.Child(_node, key) is not YamlSequenceNode list) yield break;
        foreach (var item in list)
        {
            if (item is YamlMappingNode map) yield return map;
            else _loader.Error(FlowLoader.LineOf(item), _code, shape);
        }
    }

    public List<RecodeBand> Bands()
    {
        var result = new List<RecodeBand>();
        if (FlowLoader.Child(_node, "bands") is not YamlSequenceNode list) return result;
        foreach (var item in list.OfType<YamlMappingNode>())
        {
            var bandCode = _loader.Int(item, "code", _code, required: true);
            if (bandCode is null) continue;
            result.Add(new RecodeBand(bandCode.Value, _loader.Str(item, "label", _code) ?? "", _loader.Int(item, "min", _code), _loader.Int(item, "max", _code)));
        }
        return result;
    }

    public ScaleSpec? Scale()
    {
        if (FlowLoader.Child(_node, "scale") is not YamlMappingNode scale) return null;
        return new ScaleSpec(_loader.Int(scale, "min", _code, required: true) ?? 1, _loader.Int(scale, "max", _code, required: true) ?? 7,
            _loader.Str(scale, "low", _code) ?? "", _loader.Str(scale, "high", _code) ?? "");
    }

    public List<MatrixItem> Items()
    {
        var result = new List<MatrixItem>();
        foreach (var map in Entries("items", "each item must be {code, label}"))
        {
            var itemCode = _loader.Str(map, "code", _code, required: true);
            var label = _loader.Str(map, "label", _code, required: true);
            if (itemCode is not null && label is not null) result.Add(new MatrixItem(itemCode, label) { Line = FlowLoader.LineOf(map) });
        }
        return result;
    }

    public NotApplicableOption? NotApplicable()
    {
        if (FlowLoader.Child(_node, "not_applicable") is not YamlMappingNode na) return null;
        return new NotApplicableOption(_loader.Int(na, "code", _code, required: true) ?? 99, _loader.Str(na, "label", _code) ?? "비해당");
    }
}
