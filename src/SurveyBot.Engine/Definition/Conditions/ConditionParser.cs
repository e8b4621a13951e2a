using System.Globalization;
using System.Text.RegularExpressions;

namespace SurveyBot.Engine.Definition.Conditions;

/// <summary>
/// Parses the small condition language of flow files:
/// <c>CODE OP NUMBER</c>, <c>CODE in [..]</c>, combined with <c>and</c>, <c>or</c>, <c>not</c> and parentheses.
/// Hand-written because the grammar is tiny and error messages must point researchers at the exact token.
/// </summary>
public sealed partial class ConditionParser
{
    private readonly List<string> _tokens;
    private int _position;

    private ConditionParser(List<string> tokens) => _tokens = tokens;

    public static Condition Parse(string source)
    {
        var tokens = TokenPattern().Matches(source).Select(m => m.Value).ToList();
        var rest = TokenPattern().Replace(source, "").Trim();
        if (rest.Length > 0) throw new ConditionSyntaxException($"unexpected '{rest}' in condition '{source}'");
        if (tokens.Count == 0) throw new ConditionSyntaxException("empty condition");
        var parser = new ConditionParser(tokens);
        var condition = parser.ParseOr();
        if (parser._position < tokens.Count) throw new ConditionSyntaxException($"unexpected '{tokens[parser._position]}' in condition '{source}'");
        condition.Source = source;
        return condition;
    }

    private string? Peek => _position < _tokens.Count ? _tokens[_position] : null;

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new ConditionSyntaxException("condition ends too early");

    private void Expect(string token)
    {
        var actual = Next();
        if (actual != token) throw new ConditionSyntaxException($"expected '{token}' but found '{actual}'");
    }

    private Condition ParseOr()
    {
        var left = ParseAnd();
        while (string.Equals(Peek, "or", StringComparison.OrdinalIgnoreCase))
        {
            Next();
            left = new OrCondition(left, ParseAnd());
        }
        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseUnary();
        while (string.Equals(Peek, "and", StringComparison.OrdinalIgnoreCase))
        {
            Next();
            left = new AndCondition(left, ParseUnary());
        }
        return left;
    }

    private Condition ParseUnary()
    {
        if (string.Equals(Peek, "not", StringComparison.OrdinalIgnoreCase))
        {
            Next();
            return new NotCondition(ParseUnary());
        }
        if (Peek == "(")
        {
            Next();
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        return ParseComparison();
    }

    private Condition ParseComparison()
    {
        var code = Next();
        if (!CodePattern().IsMatch(code)) throw new ConditionSyntaxException($"expected a question code but found '{code}'");
        var op = Next();
        if (string.Equals(op, "in", StringComparison.OrdinalIgnoreCase))
        {
            Expect("[");
            var values = new List<decimal> { ParseNumber(Next()) };
            while (Peek == ",")
            {
                Next();
                values.Add(ParseNumber(Next()));
            }
            Expect("]");
            return new InListCondition(code, values);
        }
        if (op is not ("=" or "==" or "!=" or "<" or "<=" or ">" or ">="))
            throw new ConditionSyntaxException($"expected a comparison (=, !=, <, <=, >, >=, in) after '{code}' but found '{op}'");
        return new ComparisonCondition(code, op, ParseNumber(Next()));
    }

    private static decimal ParseNumber(string token) =>
        decimal.TryParse(token, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConditionSyntaxException($"expected a number but found '{token}'");

    [GeneratedRegex(@"<=|>=|!=|==|[<>=()\[\],]|-?\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex CodePattern();
}
