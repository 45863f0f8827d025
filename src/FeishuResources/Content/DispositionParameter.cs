namespace FeishuResources.Content;

/// <summary>One <c>name=value</c> of a <c>Content-Disposition</c> field, the value unquoted and unescaped.</summary>
internal readonly struct DispositionParameter
{
    public DispositionParameter(string name, string value, bool quoted)
    {
        Name = name;
        Value = value;
        Quoted = quoted;
    }

    public string Name { get; }

    public string Value { get; }

    /// <summary>Whether the value was a quoted-string; RFC 5987 extended values may not be.</summary>
    public bool Quoted { get; }
}
