namespace SurveyBot.Engine.Definition;

/// <summary>A questionnaire as loaded from its flow file: pure data, no behaviour.</summary>
public sealed record FlowDefinition(string Id, int Version, string Title, IReadOnlyList<QuestionNode> Questions)
{
    public int Spec { get; init; } = 1;
    public string Language { get; init; } = "ko";

    /// <summary>
    /// Whether a person may take the flow again after an interview of it ended (the <c>repeat</c> key). Off by
    /// default: one response per person and flow, whatever other flows they took in between.
    /// </summary>
    public bool Repeat { get; init; }
    public FlowMessages Messages { get; init; } = FlowMessages.Default;
    public ReportSpec Report { get; init; } = ReportSpec.None;
    public FieldworkSpec Fieldwork { get; init; } = FieldworkSpec.None;

    /// <summary>Thresholds of the data-quality flags (the <c>quality</c> section).</summary>
    public QualitySpec Quality { get; init; } = QualitySpec.Default;

    /// <summary>Quotas on completed interviews (the <c>quotas</c> section); empty when the flow has none.</summary>
    public IReadOnlyList<Quota> Quotas { get; init; } = [];
    public string SourcePath { get; init; } = "";

    /// <summary>Every data column of the flow in the stable order of the data contract.</summary>
    public IReadOnlyList<string> DataColumns => Questions.SelectMany(q => q.DataColumns()).ToList();

    /// <summary>The node that stores <paramref name="column"/>, or null when no node does.</summary>
    public QuestionNode? NodeOfColumn(string column) => Questions.FirstOrDefault(q => q.DataColumns().Contains(column, StringComparer.Ordinal));
}
