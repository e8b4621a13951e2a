using SurveyBot.Engine.Runtime;

namespace SurveyBot.Channels.Console;

/// <summary>Renders a prompt as terminal text: options are listed with the number to type.</summary>
public static class ConsolePromptWriter
{
    /// <summary>The line naming a question's picture, and saying so when its file is missing.</summary>
    public static string ImageLine(string path) => $"[그림: {path}{(File.Exists(path) ? "" : " (파일 없음)")}]";

    public static string Render(Prompt prompt)
    {
        var lines = new List<string> { "" };
        // A terminal shows no pictures: the path says which one the question refers to.
        if (prompt.Image is { } image) lines.Add(ImageLine(image));
        lines.Add(prompt.Text);
        foreach (var row in prompt.Buttons)
        {
            var numbered = row.Where(b => int.TryParse(b.Value, out _)).ToList();
            if (numbered.Count > 0 && numbered.All(b => b.Label == b.Value))
                lines.Add("  " + string.Join("  ", numbered.Select(b => b.Label)));
            else
                lines.AddRange(numbered.Select(b => $"  {b.Value,3}) {b.Label}"));
            foreach (var nav in row.Where(b => !int.TryParse(b.Value, out _)))
            {
                lines.Add(nav.Value switch
                {
                    CallbackData.Next => $"  (Enter) {nav.Label}",
                    CallbackData.Done => $"  ({nav.Label}) 라고 입력하면 답변을 마칩니다",
                    CallbackData.Back => $"  (/back) {nav.Label}",
                    _ => $"  {nav.Label}",
                });
            }
        }
        if (!prompt.IsFinal) lines.Add("> ");
        return string.Join(Environment.NewLine, lines);
    }
}
