using System.Globalization;
using SurveyBot.Engine.Definition.Conditions;
using SurveyBot.Engine.Kinds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SurveyBot.Engine.Definition;

/// <summary>
/// Reads a flow file's YAML text into a <see cref="FlowDefinition"/>.
/// Uses YamlDotNet's representation model rather than object binding so every error can name its line.
/// </summary>
public sealed class FlowLoader
{
    private readonly string _file;
    private readonly List<FlowError> _errors = [];

    private FlowLoader(string file) => _file = file;

    /// <summary>Parses <paramref name="yaml"/>; <paramref name="file"/> is only used in error locations.</summary>
    public static (FlowDefinition? Flow, IReadOnlyList<FlowError> Errors) Parse(string yaml, string file)
    {
        var loader = new FlowLoader(file);
        var flow = loader.ParseDocument(yaml);
        return (loader._errors.Count == 0 ? flow : null, loader._errors);
    }

    /// <summary>Parses and validates; throws <see cref="FlowDefinitionException"/> listing every problem.</summary>
    public static FlowDefinition Load(string yaml, string file)
    {
        var (flow, errors) = Parse(yaml, file);
        if (flow is null) throw new FlowDefinitionException(errors);
        var problems = FlowValidator.Validate(flow);
        if (problems.Count > 0) throw new FlowDefinitionException(problems);
        return flow;
    }

    private FlowDefinition? ParseDocument(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            Error((int)ex.Start.Line, null, "YAML syntax: " + ex.InnerException?.Message ?? ex.Message);
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Error(1, null, "the file must be a mapping with spec, id, version, title and questions");
            return null;
        }

        var spec = Int(root, "spec", null, required: true) ?? 1;
        if (spec != 1) Error(Line(root, "spec"), null, $"unsupported spec {spec}: this SurveyBot reads spec 1");
        var id = Str(root, "id", null, required: true) ?? "";
        var version = Int(root, "version", null, required: true) ?? 0;
        var title = Str(root, "title", null, required: true) ?? "";
        var language = Str(root, "language", null) ?? "ko";
        var repeat = Bool(root, "repeat", null);
        var messages = FlowMessages.Default;
        if (Child(root, "messages") is YamlMappingNode m)
            messages = new FlowMessages(Str(m, "completed", null) ?? messages.Completed, Str(m, "screened_out", null) ?? messages.ScreenedOut)
            {
                QuotaFull = Str(m, "quota_full", null) ?? messages.QuotaFull,
            };

        var report = ReportSpec.None;
        if (Child(root, "report") is { } reportNode)
        {
            if (reportNode is YamlMappingNode r)
            {
                foreach (var key in r.Children.Keys.OfType<YamlScalarNode>())
                    if (key.Value != "breakdowns") Error(LineOf(key), null, $"report: unknown key '{key.Value}'");
                var breakdowns = new List<string>();
                switch (Child(r, "breakdowns"))
                {
                    case null: break;
                    case YamlSequenceNode codes:
                        foreach (var item in codes)
                        {
                            if (item is YamlScalarNode { Value: { } code }) breakdowns.Add(code);
                            else Error(LineOf(item), null, "report: each breakdown is a data column code");
                        }
                        break;
                    case var other:
                        Error(LineOf(other), null, "report: breakdowns must be a list of codes, e.g. [SQ1, SQ2]");
                        break;
                }
                report = new ReportSpec(breakdowns) { Line = LineOf(r) };
            }
            else Error(LineOf(reportNode), null, "report must be a mapping, e.g. {breakdowns: [SQ1, SQ2]}");
        }

        var fieldwork = FieldworkSpec.None;
        if (Child(root, "fieldwork") is { } fieldworkNode)
        {
            if (fieldworkNode is YamlMappingNode f)
            {
                foreach (var key in f.Children.Keys.OfType<YamlScalarNode>())
                    if (key.Value is not ("remind_after" or "max_reminders" or "expire_after" or "partial_after" or "eligibility")) Error(LineOf(key), null, $"fieldwork: unknown key '{key.Value}'");
                var remindAfter = Duration(f, "remind_after");
                var maxReminders = Int(f, "max_reminders", null) ?? (remindAfter is null ? 0 : 1);
                if (maxReminders < 0) Error(Line(f, "max_reminders"), null, "fieldwork: max_reminders must not be negative");
                var expireAfter = Duration(f, "expire_after");
                if (remindAfter is { } r && expireAfter is { } e && e <= r)
                    Error(Line(f, "expire_after"), null, "fieldwork: expire_after must be longer than remind_after");
                var partialAfter = Share(f, "fieldwork", "partial_after", exclusiveZero: true) ?? 0.5;
                var eligibility = Share(f, "fieldwork", "eligibility", exclusiveZero: false);
                fieldwork = new FieldworkSpec(remindAfter, Math.Max(0, maxReminders), expireAfter) { Line = LineOf(f), PartialAfter = partialAfter, Eligibility = eligibility };
            }
            else Error(LineOf(fieldworkNode), null, "fieldwork must be a mapping, e.g. {remind_after: 24h, max_reminders: 2, expire_after: 7d}");
        }
        var quality = QualitySpec.Default;
        if (Child(root, "quality") is { } qualityNode)
        {
            if (qualityNode is YamlMappingNode q)
            {
                foreach (var key in q.Children.Keys.OfType<YamlScalarNode>())
                    if (key.Value is not ("speeder_share" or "straightline_min_items")) Error(LineOf(key), null, $"quality: unknown key '{key.Value}'");
                var minItems = Int(q, "straightline_min_items", null) ?? quality.StraightlineMinItems;
                if (minItems < 2) Error(Line(q, "straightline_min_items"), null, "quality: straightline_min_items must be at least 2");
                quality = new QualitySpec(Share(q, "quality", "speeder_share", exclusiveZero: true) ?? quality.SpeederShare, minItems) { Line = LineOf(q) };
            }
            else Error(LineOf(qualityNode), null, "quality must be a mapping, e.g. {speeder_share: 0.3, straightline_min_items: 5}");
        }
        var quotas = Child(root, "quotas") is { } quotasNode ? Quotas(quotasNode) : [];

        var questions = new List<QuestionNode>();
        if (Child(root, "questions") is YamlSequenceNode list)
        {
            foreach (var item in list)
            {
                if (item is YamlMappingNode node) { if (ParseNode(node) is { } q) questions.Add(q); }
                else Error(LineOf(item), null, "each question must be a mapping with code and kind");
            }
        }
        else Error(1, null, "missing 'questions' list");

        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
            if (key.Value is not ("spec" or "id" or "version" or "title" or "language" or "repeat" or "messages" or "report" or "fieldwork" or "quality" or "quotas" or "questions"))
                Error(LineOf(key), null, $"unknown key '{key.Value}'");

        return new FlowDefinition(id, version, title, questions) { Spec = spec, Language = language, Repeat = repeat, Messages = messages, Report = report, Fieldwork = fieldwork, Quality = quality, Quotas = quotas, SourcePath = _file };
    }

    private List<Quota> Quotas(YamlNode node)
    {
        var result = new List<Quota>();
        if (node is not YamlSequenceNode list)
        {
            Error(LineOf(node), null, "quotas must be a list of {code, variables, target}");
            return result;
        }
        foreach (var item in list)
        {
            if (item is not YamlMappingNode quota)
            {
                Error(LineOf(item), null, "each quota must be a mapping with code, variables and target");
                continue;
            }
            var code = Str(quota, "code", null, required: true);
            foreach (var key in quota.Children.Keys.OfType<YamlScalarNode>())
                if (key.Value is not ("code" or "variables" or "target" or "cells")) Error(LineOf(key), code, $"quota: unknown key '{key.Value}'");
            var variables = Child(quota, "variables") is YamlSequenceNode vars
                ? vars.OfType<YamlScalarNode>().Select(v => v.Value ?? "").ToList()
                : null;
            if (variables is null) Error(LineOf(quota), code, "quota: 'variables' must be a list of codes, e.g. [SQ1, SQ2, SQ4]");
            var target = Int(quota, "target", code, required: true);
            var cells = new List<QuotaCellTarget>();
            if (Child(quota, "cells") is YamlSequenceNode cellList)
            {
                foreach (var cell in cellList)
                {
                    var values = cell is YamlMappingNode map && Child(map, "values") is YamlSequenceNode codes
                        ? codes.OfType<YamlScalarNode>().Select(v => int.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).ToList()
                        : null;
                    var cellTarget = cell is YamlMappingNode m ? Int(m, "target", code, required: true) : null;
                    if (values is null || values.Any(v => v is null) || cellTarget is null)
                    {
                        Error(LineOf(cell), code, "quota: each cell is {values: [codes...], target: N}");
                        continue;
                    }
                    cells.Add(new QuotaCellTarget(values.Select(v => v!.Value).ToList(), cellTarget.Value) { Line = LineOf(cell) });
                }
            }
            else if (Child(quota, "cells") is { } other) Error(LineOf(other), code, "quota: 'cells' must be a list of {values, target}");
            if (code is null || variables is null || target is null) continue;
            result.Add(new Quota(code, variables, target.Value, cells) { Line = LineOf(quota) });
        }
        return result;
    }

    /// <summary>Keys every node may have, whatever its kind.</summary>
    private static readonly HashSet<string> CommonKeys = ["code", "kind", "section", "text", "note", "show_if", "screen_out_if", "image"];

    private QuestionNode? ParseNode(YamlMappingNode node)
    {
        var line = LineOf(node);
        var code = Str(node, "code", null);
        if (code is null)
        {
            Error(line, null, "question without 'code'");
            return null;
        }
        var kindText = Str(node, "kind", code);
        if (kindText is null || !QuestionKinds.TryGet(kindText, out var kind))
        {
            Error(Line(node, "kind"), code, $"unknown kind '{kindText}' ({string.Join(", ", QuestionKinds.All.Select(k => k.Name))})");
            return null;
        }
        foreach (var key in node.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = key.Value ?? "";
            if (CommonKeys.Contains(name) || kind.Keys.Contains(name)) continue;
            Error(LineOf(key), code, QuestionKinds.AllKeys.Contains(name) ? $"'{name}' does not apply to a {kind.Name} question" : $"unknown key '{name}'");
        }

        var common = new QuestionNode(code, kind)
        {
            Line = line,
            Section = Str(node, "section", code),
            Text = Str(node, "text", code)?.TrimEnd() ?? "",
            Note = Str(node, "note", code)?.TrimEnd(),
            ShowIf = Cond(node, "show_if", code),
            ScreenOutIf = Cond(node, "screen_out_if", code),
            Image = Str(node, "image", code),
        };
        return kind.Read(common, new NodeReader(this, node, code));
    }

    private Condition? Cond(YamlMappingNode node, string key, string code)
    {
        var text = Str(node, key, code);
        if (text is null) return null;
        try
        {
            return ConditionParser.Parse(text);
        }
        catch (ConditionSyntaxException ex)
        {
            Error(Line(node, key), code, $"{key}: {ex.Message}");
            return null;
        }
    }

    internal static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal int Line(YamlMappingNode node, string key) =>
        node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) is { } k ? LineOf(k) : LineOf(node);

    internal static int LineOf(YamlNode node) => (int)node.Start.Line;

    internal string? Str(YamlMappingNode node, string key, string? code, bool required = false)
    {
        switch (Child(node, key))
        {
            case null:
                if (required) Error(LineOf(node), code, $"missing '{key}'");
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            case var other:
                Error(LineOf(other), code, $"'{key}' must be a single value");
                return null;
        }
    }

    internal int? Int(YamlMappingNode node, string key, string? code, bool required = false)
    {
        var text = Str(node, key, code, required);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        Error(Line(node, key), code, $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    /// <summary>A share written as a decimal number from 0 to 1 (above 0 when <paramref name="exclusiveZero"/>).</summary>
    private double? Share(YamlMappingNode node, string section, string key, bool exclusiveZero)
    {
        var text = Str(node, key, null)?.Trim();
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 1 && (value > 0 || (!exclusiveZero && value == 0)))
            return value;
        Error(Line(node, key), null, $"{section}: {key} must be a share {(exclusiveZero ? "above 0" : "from 0")} up to 1, e.g. 0.5, not '{text}'");
        return null;
    }

    /// <summary>A period written as a whole number and a unit: <c>30m</c>, <c>24h</c>, <c>7d</c>.</summary>
    private TimeSpan? Duration(YamlMappingNode node, string key)
    {
        var text = Str(node, key, null)?.Trim();
        if (text is null) return null;
        if (text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }
        Error(Line(node, key), null, $"fieldwork: {key} must be a positive whole number with m, h or d, e.g. 24h or 7d, not '{text}'");
        return null;
    }

    internal bool Bool(YamlMappingNode node, string key, string? code)
    {
        var text = Str(node, key, code);
        if (text is null) return false;
        if (bool.TryParse(text, out var value)) return value;
        Error(Line(node, key), code, $"'{key}' must be true or false");
        return false;
    }

    internal void Error(int line, string? code, string message) => _errors.Add(new FlowError(_file, line, code, message));
}
