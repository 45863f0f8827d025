using System;
using System.Collections.Generic;
using System.Text;

namespace FeishuResources.Content;

/// <summary>
/// Reads a <c>Content-Disposition</c> field value by RFC 6266's grammar:
/// <c>disposition-type *( ";" parameter )</c>, where the type and each name are tokens and each value a token
/// or a quoted-string, with optional whitespace around the separators. A field that does not match, or names
/// a parameter twice (RFC 6266 §4.1), is invalid as a whole: no part of it is trusted.
/// </summary>
internal static class DispositionGrammar
{
    /// <summary>The field's parameters in order (the type itself is not needed), or <see langword="null"/> when the field is invalid.</summary>
    public static List<DispositionParameter>? ReadParameters(string field)
    {
        int position = SkipWhitespace(field, 0);
        int typeEnd = SkipToken(field, position);
        if (typeEnd == position)
        {
            return null;
        }

        var parameters = new List<DispositionParameter>();
        HashSet<string>? manyNames = null;
        position = SkipWhitespace(field, typeEnd);
        while (position < field.Length)
        {
            if (field[position] != ';' || !TryReadParameter(field, ref position, out DispositionParameter parameter) || IsRepeated(parameters, parameter.Name, ref manyNames))
            {
                return null;
            }

            parameters.Add(parameter);
            position = SkipWhitespace(field, position);
        }

        return parameters;
    }

    /// <summary>
    /// Whether <paramref name="name"/> was given before. The usual field has one or two parameters, compared one
    /// by one without allocating; a set is made only for a field with many, so a hostile one stays linear.
    /// </summary>
    private static bool IsRepeated(List<DispositionParameter> earlier, string name, ref HashSet<string>? manyNames)
    {
        const int FewParameters = 8;
        if (earlier.Count < FewParameters)
        {
            foreach (DispositionParameter parameter in earlier)
            {
                if (parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        if (manyNames is null)
        {
            manyNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (DispositionParameter parameter in earlier)
            {
                manyNames.Add(parameter.Name);
            }
        }

        return !manyNames.Add(name);
    }

    /// <summary>Reads <c>; name = value</c> from the <c>;</c> at <paramref name="position"/>.</summary>
    private static bool TryReadParameter(string field, ref int position, out DispositionParameter parameter)
    {
        parameter = default;
        int nameStart = SkipWhitespace(field, position + 1);
        int nameEnd = SkipToken(field, nameStart);
        int equals = SkipWhitespace(field, nameEnd);

        // An empty name is an empty parameter or a trailing ';'; a name without '=' is a second type ("attachment; inline").
        if (nameEnd == nameStart || equals >= field.Length || field[equals] != '=')
        {
            return false;
        }

        position = SkipWhitespace(field, equals + 1);
        string name = field.Substring(nameStart, nameEnd - nameStart);
        if (position < field.Length && field[position] == '"')
        {
            if (!TryReadQuoted(field, ref position, out string quoted))
            {
                return false;
            }

            parameter = new DispositionParameter(name, quoted, quoted: true);
            return true;
        }

        int valueEnd = SkipValue(field, position, extended: name.EndsWith("*", StringComparison.Ordinal));
        if (valueEnd == position)
        {
            return false;
        }

        parameter = new DispositionParameter(name, field.Substring(position, valueEnd - position), quoted: false);
        position = valueEnd;
        return true;
    }

    /// <summary>
    /// Reads a quoted-string from its opening quote, resolving <c>\x</c> to <c>x</c>. Any other char is taken
    /// as it is, also above U+00FF: .NET may already have decoded the field, and a name that is unusable is
    /// refused later, without making the rest of the field invalid.
    /// </summary>
    private static bool TryReadQuoted(string field, ref int position, out string value)
    {
        var builder = new StringBuilder();
        for (int i = position + 1; i < field.Length; i++)
        {
            char c = field[i];
            if (c == '"')
            {
                position = i + 1;
                value = builder.ToString();
                return true;
            }

            if (c == '\\' && ++i == field.Length)
            {
                break;
            }

            builder.Append(field[i]);
        }

        value = string.Empty;
        return false;
    }

    private static int SkipWhitespace(string field, int position)
    {
        while (position < field.Length && (field[position] == ' ' || field[position] == '\t'))
        {
            position++;
        }

        return position;
    }

    private static int SkipToken(string field, int position) => SkipValue(field, position, extended: false);

    /// <summary>
    /// A token; in an extended value (<c>filename*</c>) also a raw <c>:</c>, which RFC 5987 would have
    /// percent-encoded but which names with a time in them carry, and which broke other Feishu SDKs.
    /// </summary>
    private static int SkipValue(string field, int position, bool extended)
    {
        while (position < field.Length && (IsTokenChar(field[position]) || (extended && field[position] == ':')))
        {
            position++;
        }

        return position;
    }

    /// <summary>RFC 9110 <c>tchar</c>: visible ASCII except the delimiters <c>"(),/:;&lt;=&gt;?@[\]{}</c>.</summary>
    private static bool IsTokenChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
