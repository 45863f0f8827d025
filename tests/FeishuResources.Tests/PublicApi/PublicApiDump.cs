using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace FeishuResources.Tests.PublicApi;

/// <summary>
/// Writes the public surface of an assembly — every public or protected type and member, with full
/// signatures and nullability — one line each, sorted, so that any change to it shows as a diff.
/// </summary>
internal static class PublicApiDump
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(char)] = "char", [typeof(short)] = "short", [typeof(int)] = "int",
        [typeof(long)] = "long", [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
    };

    public static string For(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (Type type in assembly.GetExportedTypes())
        {
            string owner = TypeName(type, null);
            lines.Add(owner + " | " + Declaration(type));
            lines.AddRange(Members(type).Select(member => owner + " | " + member));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> Members(Type type)
    {
        var nullability = new NullabilityInfoContext();
        foreach (MemberInfo member in type.GetMembers(Declared))
        {
            string? line = member switch
            {
                ConstructorInfo c when Visible(c) => Access(c) + Static(c.IsStatic) + type.Name.Split('`')[0] + Parameters(c, nullability),
                MethodInfo m when Visible(m) && !m.IsSpecialName => Access(m) + MethodModifiers(m, type) + TypeName(m.ReturnType, nullability.Create(m.ReturnParameter)) + " " + m.Name + GenericArguments(m) + Parameters(m, nullability),
                PropertyInfo p when Accessors(p).Any(Visible) => PropertyLine(p, type, nullability),
                FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName => FieldLine(f, type, nullability),
                EventInfo e when e.AddMethod is { } add && Visible(add) => Access(add) + MethodModifiers(add, type) + "event " + TypeName(e.EventHandlerType!, nullability.Create(e)) + " " + e.Name,
                _ => null,
            };
            if (line is not null)
            {
                yield return line;
            }
        }
    }

    private static string Declaration(Type type)
    {
        string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? (IsReadOnly(type) ? "readonly struct" : "struct")
            : typeof(Delegate).IsAssignableFrom(type.BaseType) ? "delegate"
            : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.IsEnum)
        {
            bases.Add(TypeName(Enum.GetUnderlyingType(type), null));
        }
        else if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && kind != "delegate")
        {
            bases.Add(TypeName(baseType, null));
        }

        if (!type.IsEnum)
        {
            bases.AddRange(type.GetInterfaces().Select(i => TypeName(i, null)).Order(StringComparer.Ordinal));
        }

        return (type.IsNestedFamily ? "protected " : "public ") + kind + (bases.Count == 0 ? "" : " : " + string.Join(", ", bases));
    }

    private static string PropertyLine(PropertyInfo property, Type owner, NullabilityInfoContext nullability)
    {
        MethodInfo accessor = Accessors(property).First(Visible);
        var parts = new StringBuilder();
        if (property.GetMethod is { } get && Visible(get))
        {
            parts.Append(Access(get, accessor)).Append("get; ");
        }

        if (property.SetMethod is { } set && Visible(set))
        {
            bool init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            parts.Append(Access(set, accessor)).Append(init ? "init; " : "set; ");
        }

        ParameterInfo[] index = property.GetIndexParameters();
        string name = index.Length == 0 ? property.Name : "this[" + string.Join(", ", index.Select(p => Parameter(p, nullability))) + "]";
        return Access(accessor) + MethodModifiers(accessor, owner) + TypeName(property.PropertyType, nullability.Create(property)) + " " + name + " { " + parts + "}";
    }

    private static string FieldLine(FieldInfo field, Type owner, NullabilityInfoContext nullability)
    {
        string access = field.IsPublic ? "public " : "protected ";
        if (owner.IsEnum)
        {
            return access + field.Name + " = " + Convert.ToString(field.GetRawConstantValue(), CultureInfo.InvariantCulture);
        }

        string modifiers = field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
        string value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : "";
        return access + modifiers + TypeName(field.FieldType, nullability.Create(field)) + " " + field.Name + value;
    }

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property)
        => new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    /// <summary>An accessor's own access, written only when it differs from the property's.</summary>
    private static string Access(MethodBase accessor, MethodBase property) => Access(accessor) == Access(property) ? "" : Access(accessor);

    private static string Static(bool isStatic) => isStatic ? "static " : "";

    private static string MethodModifiers(MethodInfo method, Type owner)
    {
        if (method.IsStatic)
        {
            return method.IsAbstract ? "static abstract " : "static ";
        }

        if (owner.IsInterface)
        {
            return method.IsAbstract ? "" : "virtual ";
        }

        bool overrides = method.GetBaseDefinition().DeclaringType != method.DeclaringType;
        return method.IsAbstract ? "abstract "
            : overrides ? (method.IsFinal ? "sealed override " : "override ")
            : method.IsVirtual && !method.IsFinal ? "virtual " : "";
    }

    private static string GenericArguments(MethodInfo method)
        => method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(GenericParameter)) + ">" : "";

    private static string GenericParameter(Type parameter)
    {
        string constraints = string.Join(", ", parameter.GetGenericParameterConstraints().Select(c => TypeName(c, null)));
        GenericParameterAttributes flags = parameter.GenericParameterAttributes;
        if (flags.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
        {
            constraints = "class" + (constraints.Length == 0 ? "" : ", " + constraints);
        }

        return parameter.Name + (constraints.Length == 0 ? "" : " : " + constraints);
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability)
    {
        string extension = method.IsDefined(typeof(ExtensionAttribute)) ? "this " : "";
        return "(" + extension + string.Join(", ", method.GetParameters().Select(p => Parameter(p, nullability))) + ")";
    }

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        Type type = parameter.ParameterType;
        string modifier = "";
        if (type.IsByRef)
        {
            modifier = parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
            type = type.GetElementType()!;
        }
        else if (parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            modifier = "params ";
        }

        string value = parameter.HasDefaultValue ? " = " + Literal(parameter.RawDefaultValue, type) : "";
        return modifier + TypeName(type, nullability.Create(parameter)) + " " + parameter.Name + value;
    }

    private static string Literal(object? value, Type? type = null) => value switch
    {
        null => type is { IsValueType: true } && Nullable.GetUnderlyingType(type) is null ? "default" : "null",
        string text => "\"" + text + "\"",
        bool flag => flag ? "true" : "false",
        _ when type is { IsEnum: true } => TypeName(type, null) + "." + Enum.GetName(type, value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string TypeName(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, null) + "?";
        }

        string suffix = nullability is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : "";
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[]" + suffix;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + suffix;
        }

        if (Keywords.TryGetValue(type, out string? keyword))
        {
            return keyword + suffix;
        }

        string name = type.IsNested ? TypeName(type.DeclaringType!, null) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name + suffix;
        }

        Type[] arguments = type.GetGenericArguments();
        NullabilityInfo[] argumentNullability = nullability?.GenericTypeArguments ?? [];
        IEnumerable<string> names = arguments.Select((argument, i) => TypeName(argument, i < argumentNullability.Length ? argumentNullability[i] : null));
        return name.Split('`')[0] + "<" + string.Join(", ", names) + ">" + suffix;
    }

    private static bool IsReadOnly(Type type) => type.IsDefined(typeof(IsReadOnlyAttribute));
}
