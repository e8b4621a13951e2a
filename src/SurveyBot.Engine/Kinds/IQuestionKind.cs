using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Definition.Conditions;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>
/// A question kind, the one place that knows it: the keys it reads from a flow file and their checks, the steps it
/// expands into, the data columns and export variables it stores, the prompt it shows, the inputs it accepts, what
/// the chart verb draws of it and how synthetic respondents answer it. Registered by the name flow files give it
/// (<see cref="QuestionKinds"/>), so adding a kind is adding a folder under <c>Kinds/</c> and one line there.
/// </summary>
public interface IQuestionKind
{
    /// <summary>The name flow files write in <c>kind:</c>.</summary>
    string Name { get; }

    /// <summary>The node keys this kind reads beyond the ones every node has (code, kind, section, text, ...).</summary>
    IReadOnlyCollection<string> Keys { get; }

    /// <summary>What other parts of a flow may do with this kind's columns (recode from them, break down or quota by them).</summary>
    ColumnUses Uses => ColumnUses.None;

    /// <summary>How an error about a column of this kind names it ("matrix item" reads better than "matrix").</summary>
    string ColumnNoun => Name;

    /// <summary>False for a node respondents never see (a recode): it needs no text.</summary>
    bool Shown => true;

    /// <summary>Reads the kind's own keys into <paramref name="node"/>; problems go to the reader with their line.</summary>
    QuestionNode Read(QuestionNode node, NodeReader reader);

    /// <summary>Checks what the YAML shape cannot: required keys, ranges, references to earlier answers.</summary>
    void Validate(QuestionNode node, KindCheck check);

    /// <summary>The data columns the node stores, in export order.</summary>
    IEnumerable<string> DataColumns(QuestionNode node);

    /// <summary>Columns holding scores that a later rank option may pipe (<c>score_from</c>).</summary>
    IEnumerable<string> ScoredColumns(QuestionNode node) => [];

    /// <summary>The items answered on one scale, checked for straightlining; empty when the kind has none.</summary>
    IReadOnlyList<MatrixItem> StraightlineItems(QuestionNode node) => [];

    /// <summary>The screens the node expands into, in order (numbers and first/last marks are the plan's).</summary>
    IEnumerable<Step> Expand(QuestionNode node);

    /// <summary>How each data column is described in the labelled exports, from <paramref name="common"/> (the node's label and routing).</summary>
    IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common);

    /// <summary>A condition of the kind's own on showing <paramref name="step"/> (an other-specify text: when other was chosen); null when none.</summary>
    Condition? AskedWhen(Step step) => null;

    /// <summary>What reaching or passing <paramref name="step"/> stores: a recode's band, a rotated order.</summary>
    void Arrive(Step step, ArrivalContext context) { }

    /// <summary>The body of the prompt below the common heading: text after the question, buttons, whether text is typed.</summary>
    PromptBody Prompt(Step step, PromptContext context);

    /// <summary>What an input to <paramref name="step"/> does (the engine has already handled /back and stale buttons).</summary>
    StepAnswer Accept(Step step, StepInput input, AnswerContext context);

    /// <summary>The answers of a node's steps as one line of the Telegram card's record; null when nothing to show.</summary>
    string? CardLine(IReadOnlyList<Step> steps, InterviewState state) => null;

    /// <summary>What the codebook says of how the node is answered, beyond its columns; null when they say it all.</summary>
    string? CodebookNote(QuestionNode node) => null;

    /// <summary>The codes of this node the chart verb draws (the node's, a matrix's items).</summary>
    IEnumerable<string> ChartCodes(QuestionNode node) => [];

    /// <summary>What the chart of <paramref name="code"/> shows; null when the kind has no chart.</summary>
    ChartSpec? Chart(QuestionNode node, string code) => null;

    /// <summary>Answers a synthetic respondent gives the node (benchmarks fill a database without the engine).</summary>
    void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal) { }

    /// <summary>A plausible valid input for the shown <paramref name="prompt"/> of <paramref name="step"/>.</summary>
    InterviewInput Simulate(Step step, Prompt prompt, Random random);
}
