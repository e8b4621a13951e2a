using System.Text;
using System.Text.RegularExpressions;
using SurveyBot.Engine.Kinds;

namespace SurveyBot.Engine.Definition;

/// <summary>
/// Lints a loaded flow: what the YAML shape cannot tell (duplicate codes, dangling references,
/// unreachable nodes, Telegram limits on callback data, button labels and message length).
/// </summary>
public static partial class FlowValidator
{
    /// <summary>Telegram's limit on callback_data.</summary>
    public const int MaxCallbackBytes = KindCheck.MaxCallbackBytes;

    /// <summary>Longest option label we accept on a button.</summary>
    public const int MaxButtonLabel = KindCheck.MaxButtonLabel;

    /// <summary>Telegram's limit on message text.</summary>
    public const int MaxMessageLength = 4096;

    public static IReadOnlyList<FlowError> Validate(FlowDefinition flow)
    {
        var errors = new List<FlowError>();
        void Error(int line, string? code, string message) => errors.Add(new FlowError(flow.SourcePath, line, code, message));

        if (!FlowIdPattern().IsMatch(flow.Id)) Error(1, null, $"flow id '{flow.Id}' must be letters, digits, '_' or '-'");
        if (flow.Version < 1) Error(1, null, "version must be 1 or more");
        if (flow.Questions.Count == 0) Error(1, null, "the flow has no questions");

        var nodeCodes = new HashSet<string>();
        var columns = new Dictionary<string, string>();
        var storedSoFar = new HashSet<string>();
        var scored = new HashSet<string>();
        var recodeSources = new HashSet<string>();
        var alwaysEnded = false;

        foreach (var q in flow.Questions)
        {
            if (!CodePattern().IsMatch(q.Code)) Error(q.Line, q.Code, "a code must be letters, digits and '_'");
            if (!nodeCodes.Add(q.Code)) Error(q.Line, q.Code, "duplicate question code");
            foreach (var column in q.DataColumns())
            {
                if (!columns.TryAdd(column, q.Code) || (column != q.Code && nodeCodes.Contains(column)))
                    Error(q.Line, q.Code, $"duplicate data column '{column}'");
            }
            if (alwaysEnded) Error(q.Line, q.Code, "unreachable: every interview has ended before this question");

            CheckCondition(q.ShowIf, "show_if", q, storedSoFar, Error);
            var storedWithThis = new HashSet<string>(storedSoFar);
            storedWithThis.UnionWith(q.DataColumns());
            CheckCondition(q.ScreenOutIf, "screen_out_if", q, storedWithThis, Error);
            if (q.ShowIf is { } showIf && IsConstant(showIf, false)) Error(q.Line, q.Code, "unreachable: show_if can never be true");
            if (q.ScreenOutIf is { } s && IsConstant(s, true) && q.ShowIf is null) alwaysEnded = true;

            if (q.Kind.Shown && string.IsNullOrWhiteSpace(q.Text)) Error(q.Line, q.Code, "missing 'text'");
            q.Kind.Validate(q, new KindCheck(scored, recodeSources, (line, message) => Error(line, q.Code, message)));
            if (q.Image is { } image && ImageProblem(image) is { } problem) Error(q.Line, q.Code, $"image '{image}': {problem}");
            if (Encoding.UTF8.GetByteCount(q.Code) + 16 > MaxCallbackBytes)
                Error(q.Line, q.Code, $"code makes callback data longer than {MaxCallbackBytes} bytes");

            if (ComposedLength(q) > MaxMessageLength - 200)
                Error(q.Line, q.Code, $"text is too long for one Telegram message ({ComposedLength(q)} characters; at most {MaxMessageLength - 200} leaves room for progress and labels)");

            storedSoFar.UnionWith(q.DataColumns());
            scored.UnionWith(q.Kind.ScoredColumns(q));
            if (q.Kind.Uses.HasFlag(ColumnUses.RecodeSource)) recodeSources.Add(q.Code);
        }

        foreach (var code in flow.Report.Breakdowns)
        {
            if (!columns.ContainsKey(code)) Error(flow.Report.Line, null, $"report: breakdown '{code}' is not a data column of this flow");
            else if (flow.NodeOfColumn(code) is { } node && !node.Kind.Uses.HasFlag(ColumnUses.Breakdown))
                Error(flow.Report.Line, null, $"report: breakdown '{code}' must be a coded answer ({QuestionKinds.Describe(ColumnUses.Breakdown)})");
        }
        foreach (var dup in flow.Report.Breakdowns.GroupBy(c => c).Where(g => g.Count() > 1))
            Error(flow.Report.Line, null, $"report: breakdown '{dup.Key}' is listed twice");
        CheckQuotas(flow, columns, Error);
        return errors;
    }

    private static void CheckQuotas(FlowDefinition flow, Dictionary<string, string> columns, Action<int, string?, string> error)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quota in flow.Quotas)
        {
            if (!CodePattern().IsMatch(quota.Code)) error(quota.Line, quota.Code, "a quota code must be letters, digits and '_'");
            if (!seen.Add(quota.Code)) error(quota.Line, quota.Code, "duplicate quota code");
            if (quota.Variables.Count == 0) error(quota.Line, quota.Code, "a quota needs at least one variable");
            foreach (var variable in quota.Variables)
            {
                if (!columns.ContainsKey(variable)) error(quota.Line, quota.Code, $"quota variable '{variable}' is not a data column of this flow");
                else if (flow.NodeOfColumn(variable) is { } node && !node.Kind.Uses.HasFlag(ColumnUses.QuotaVariable)
                    || variable.EndsWith("_other", StringComparison.Ordinal))
                    error(quota.Line, quota.Code, $"quota variable '{variable}' must be a coded answer ({QuestionKinds.Describe(ColumnUses.QuotaVariable)})");
            }
            foreach (var dup in quota.Variables.GroupBy(v => v).Where(g => g.Count() > 1))
                error(quota.Line, quota.Code, $"quota variable '{dup.Key}' is listed twice");
            if (quota.Target < 0) error(quota.Line, quota.Code, "a quota target must be 0 or more");
            foreach (var cell in quota.Cells)
            {
                if (cell.Values.Count != quota.Variables.Count)
                    error(cell.Line, quota.Code, $"a cell needs {quota.Variables.Count} values, one per variable ({string.Join(", ", quota.Variables)})");
                if (cell.Target < 0) error(cell.Line, quota.Code, "a cell target must be 0 or more");
                for (var i = 0; i < Math.Min(cell.Values.Count, quota.Variables.Count); i++)
                {
                    // A value no answer can take would make a cell that never fills (a typo in the targets).
                    var node = flow.NodeOfColumn(quota.Variables[i]);
                    var codes = node is null ? [] : node.Options.Select(o => o.Code).Concat(node.Bands.Select(b => b.Code)).ToHashSet();
                    if (codes.Count > 0 && !codes.Contains(cell.Values[i]))
                        error(cell.Line, quota.Code, $"cell value {cell.Values[i]} is not a code of {quota.Variables[i]} ({string.Join(", ", codes.Order())})");
                }
            }
            foreach (var dup in quota.Cells.GroupBy(c => Quota.KeyOf(c.Values)).Where(g => g.Count() > 1))
                error(dup.Skip(1).First().Line, quota.Code, $"cell [{dup.Key}] is listed twice");
        }
    }

    private static void CheckCondition(Conditions.Condition? condition, string key, QuestionNode q, HashSet<string> stored, Action<int, string?, string> error)
    {
        if (condition is null) return;
        foreach (var code in condition.ReferencedCodes().Distinct())
            if (!stored.Contains(code)) error(q.Line, q.Code, $"{key} refers to '{code}', which is not stored before this point");
    }

    /// <summary>True when the condition reads nothing and so always evaluates to <paramref name="value"/>.</summary>
    private static bool IsConstant(Conditions.Condition condition, bool value) =>
        !condition.ReferencedCodes().Any() && condition.Evaluate(new Dictionary<string, string>()) == value;

    /// <summary>Picture types Telegram shows as a photo.</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".png", ".jpg", ".jpeg", ".webp"];

    /// <summary>
    /// Why an <c>image</c> path cannot be used: it must stay inside the flows folder (a flow file must not make the
    /// bot upload any file of the server) and be a picture Telegram shows as a photo. Whether it exists is checked
    /// by <c>validate</c>, which warns (a missing picture leaves the text alone).
    /// </summary>
    public static string? ImageProblem(string path)
    {
        if (Path.IsPathRooted(path) || path.Replace('\\', '/').Split('/').Any(part => part is ".." or ""))
            return "must be a path inside the flows folder, relative to the flow file, e.g. images/concept.png";
        if (!ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            return $"must be a picture ({string.Join(", ", ImageExtensions)})";
        return null;
    }

    private static int ComposedLength(QuestionNode q) =>
        (q.Section?.Length ?? 0) + q.Text.Length + (q.Note?.Length ?? 0) + q.Items.Select(i => i.Label.Length).DefaultIfEmpty(0).Max()
        + q.Options.Sum(o => o.Label.Length + 8);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex FlowIdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex CodePattern();
}
