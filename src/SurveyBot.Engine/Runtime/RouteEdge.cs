namespace SurveyBot.Engine.Runtime;

/// <summary>
/// One permitted transition of a flow's machine: from a state, to a state, under a guard (null: always) that the
/// description names as the flow file writes it. <see cref="Until"/> is the plan index up to which the hidden steps
/// on the way (recodes) are passed when it is taken.
/// </summary>
public sealed record RouteEdge(string From, string To, string Description, Func<RouteRequest, bool>? Guard, int Until)
{
    /// <summary>True when nothing but the edges before it decide (the last edge a state needs).</summary>
    public bool Unconditional => Guard is null;
}
