using System.Text;
using System.Text.RegularExpressions;

namespace SurveyBot.Engine.Definition;

/// <summary>
/// Lints a loaded flow: what the YAML shape cannot tell (duplicate codes, dangling references,
/// unreachable nodes, Telegram limits on callback data, button labels and message length).
/// </summary>
public static partial class FlowValidator
{
    /// <summary>Telegram's limit on callback_data.</summary>
    public const int MaxCallbackBytes = 64;

    /// <summary>Longest option label we accept on a button.</summary>
    public const int MaxButtonLabel = 64;

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
        var matrixItems = new HashSet<string>();
        var numericCodes = new HashSet<string>();
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

            if (q.Kind is not QuestionKind.Recode && string.IsNullOrWhiteSpace(q.Text)) Error(q.Line, q.Code, "missing 'text'");
            CheckKind(q, matrixItems, numericCodes, Error);

            if (ComposedLength(q) > MaxMessageLength - 200)
                Error(q.Line, q.Code, $"text is too long for one Telegram message ({ComposedLength(q)} characters; at most {MaxMessageLength - 200} leaves room for progress and labels)");

            storedSoFar.UnionWith(q.DataColumns());
            if (q.Kind == QuestionKind.Matrix) matrixItems.UnionWith(q.Items.Select(i => i.Code));
            if (q.Kind is QuestionKind.Numeric or QuestionKind.Scale or QuestionKind.Recode or QuestionKind.Single) numericCodes.Add(q.Code);
        }

        foreach (var code in flow.Report.Breakdowns)
        {
            if (!columns.ContainsKey(code)) Error(flow.Report.Line, null, $"report: breakdown '{code}' is not a data column of this flow");
            else if (flow.NodeOfColumn(code) is { Kind: not (QuestionKind.Single or QuestionKind.Recode or QuestionKind.Scale or QuestionKind.Matrix) })
                Error(flow.Report.Line, null, $"report: breakdown '{code}' must be a coded answer (single, recode, scale or matrix item)");
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
                else if (flow.NodeOfColumn(variable) is { Kind: not (QuestionKind.Single or QuestionKind.Recode or QuestionKind.Scale or QuestionKind.Matrix or QuestionKind.Numeric) }
                    || variable.EndsWith("_other", StringComparison.Ordinal))
                    error(quota.Line, quota.Code, $"quota variable '{variable}' must be a coded answer (single, numeric, recode, scale or matrix item)");
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

    private static void CheckKind(QuestionNode q, HashSet<string> matrixItems, HashSet<string> numericCodes, Action<int, string?, string> error)
    {
        switch (q.Kind)
        {
            case QuestionKind.Single or QuestionKind.Rank:
                if (q.Options.Count == 0) error(q.Line, q.Code, "needs 'options'");
                foreach (var dup in q.Options.GroupBy(o => o.Code).Where(g => g.Count() > 1))
                    error(dup.Skip(1).First().Line, q.Code, $"duplicate option code {dup.Key}");
                foreach (var option in q.Options)
                {
                    if (option.Label.Length > MaxButtonLabel)
                        error(option.Line, q.Code, $"option {option.Code} label is {option.Label.Length} characters; a button holds at most {MaxButtonLabel}");
                    if (option.ScoreFrom is { } from && !matrixItems.Contains(from))
                        error(option.Line, q.Code, $"score_from '{from}' is not a matrix item asked earlier");
                }
                if (q.Kind == QuestionKind.Rank && (q.Picks < 1 || q.Picks > q.Options.Count))
                    error(q.Line, q.Code, $"picks must be between 1 and the number of options ({q.Options.Count})");
                if (q.Kind == QuestionKind.Rank && q.Options.Any(o => o.Other)) error(q.Line, q.Code, "rank options cannot be 'other'");
                if (q.ButtonsPerRow < 1 || q.ButtonsPerRow > 8) error(q.Line, q.Code, "columns must be between 1 and 8");
                break;
            case QuestionKind.Numeric:
                if (q.Min is null || q.Max is null) error(q.Line, q.Code, "a numeric question needs 'min' and 'max'");
                else if (q.Min > q.Max) error(q.Line, q.Code, "min is greater than max");
                break;
            case QuestionKind.Recode:
                if (q.From is null) error(q.Line, q.Code, "a recode needs 'from'");
                else if (!numericCodes.Contains(q.From)) error(q.Line, q.Code, $"recode from '{q.From}': no numeric answer with that code is stored before it");
                if (q.Bands.Count == 0) error(q.Line, q.Code, "a recode needs 'bands'");
                for (var i = 0; i < q.Bands.Count; i++)
                    for (var j = i + 1; j < q.Bands.Count; j++)
                        if (Overlap(q.Bands[i], q.Bands[j])) error(q.Line, q.Code, $"bands {q.Bands[i].Code} and {q.Bands[j].Code} overlap");
                break;
            case QuestionKind.Scale:
                if (q.Scale is null) error(q.Line, q.Code, "needs 'scale'");
                break;
            case QuestionKind.Matrix:
                if (q.Scale is null) error(q.Line, q.Code, "needs 'scale'");
                if (q.Items.Count == 0) error(q.Line, q.Code, "needs 'items'");
                if (q.NotApplicable is { } na && q.Scale is { } sc && na.Code >= sc.Min && na.Code <= sc.Max)
                    error(q.Line, q.Code, $"not_applicable code {na.Code} collides with a scale point");
                break;
        }
        foreach (var item in q.Items)
            if (Encoding.UTF8.GetByteCount(item.Code) + 12 > MaxCallbackBytes)
                error(item.Line, q.Code, $"item code '{item.Code}' makes callback data longer than {MaxCallbackBytes} bytes");
        if (Encoding.UTF8.GetByteCount(q.Code) + 16 > MaxCallbackBytes)
            error(q.Line, q.Code, $"code makes callback data longer than {MaxCallbackBytes} bytes");
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

    private static bool Overlap(RecodeBand a, RecodeBand b) =>
        (a.Min ?? int.MinValue) <= (b.Max ?? int.MaxValue) && (b.Min ?? int.MinValue) <= (a.Max ?? int.MaxValue);

    private static int ComposedLength(QuestionNode q) =>
        (q.Section?.Length ?? 0) + q.Text.Length + (q.Note?.Length ?? 0) + q.Items.Select(i => i.Label.Length).DefaultIfEmpty(0).Max()
        + q.Options.Sum(o => o.Label.Length + 8);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex FlowIdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex CodePattern();
}
