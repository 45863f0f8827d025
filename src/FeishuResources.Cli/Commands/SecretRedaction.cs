using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace FeishuResources.Cli.Commands;

/// <summary>
/// Keeps the <c>--app-secret</c> value out of parse errors, which quote the tokens they could not match: an
/// unquoted secret with a space (<c>--app-secret a b</c>) leaves its second half unmatched, and a secret
/// starting with <c>-</c> reads as an unknown option.
/// </summary>
internal sealed class SecretRedaction
{
    private const string Mask = "***";

    private readonly string? _value;
    private readonly IReadOnlyList<string> _tokens;

    private SecretRedaction(string? value, IReadOnlyList<string> tokens)
    {
        _value = value;
        _tokens = tokens;
    }

    /// <summary>
    /// Finds the secret: the token right after the option (whatever it looks like), and every later token
    /// up to the next option or command the parser recognised, since any of them may be part of it.
    /// </summary>
    public static SecretRedaction For(ParseResult parse, string optionName)
    {
        IReadOnlyList<Token> tokens = parse.Tokens;
        string? value = null;
        var secretTokens = new List<string>();
        for (int i = 0; i < tokens.Count; i++)
        {
            // Where the option is unknown (before the command, or on a command without it) the parser keeps
            // "--app-secret=value" whole and types the option as a plain argument.
            if (AttachedValue(tokens[i].Value, optionName) is { } attached)
            {
                value ??= attached;
                secretTokens.Add(attached);
            }

            if (tokens[i].Value != optionName || i + 1 == tokens.Count)
            {
                continue;
            }

            value ??= tokens[i + 1].Value;
            secretTokens.Add(tokens[i + 1].Value);
            for (int next = i + 2; next < tokens.Count && tokens[next].Type == TokenType.Argument; next++)
            {
                secretTokens.Add(tokens[next].Value);
            }
        }

        // Longest first, so a token that is part of a longer one cannot leave the rest of it behind.
        return new SecretRedaction(value, secretTokens.Where(token => token.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(token => token.Length).ToList());
    }

    public string Redact(string message)
    {
        foreach (string token in _tokens)
        {
            message = message.Replace("'" + token + "'", "'" + Mask + "'", StringComparison.Ordinal);
        }

        // Every parse error quotes what it echoes; should one ever not, the secret itself still goes.
        return string.IsNullOrEmpty(_value) ? message : message.Replace(_value, Mask, StringComparison.Ordinal);
    }

    private static string? AttachedValue(string token, string optionName)
        => token.Length > optionName.Length + 1 && token.StartsWith(optionName, StringComparison.Ordinal) && token[optionName.Length] is '=' or ':'
            ? token[(optionName.Length + 1)..]
            : null;
}
