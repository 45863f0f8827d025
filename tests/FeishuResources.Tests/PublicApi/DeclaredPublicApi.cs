using System.Reflection;

namespace FeishuResources.Tests.PublicApi;

/// <summary>
/// Reads a project's <c>PublicAPI.Shipped.txt</c> and <c>PublicAPI.Unshipped.txt</c>, the lists
/// Microsoft.CodeAnalysis.PublicApiAnalyzers holds the build to (RS0016/RS0017 fail it on any unlisted change).
/// </summary>
internal static class DeclaredPublicApi
{
    /// <summary>Every declared entry of the project under <c>src/</c> named like <paramref name="assembly"/>.</summary>
    public static IReadOnlySet<string> Of(Assembly assembly)
    {
        string folder = Path.Combine(RepositoryRoot(), "src", assembly.GetName().Name!);
        return new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(folder, file)))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The public types the compiled assembly exports that its lists do not declare (empty while the analyzer is at work).</summary>
    public static IReadOnlyList<string> UndeclaredTypes(Assembly assembly)
    {
        IReadOnlySet<string> declared = Of(assembly);
        return assembly.GetExportedTypes().Select(Name).Where(name => !declared.Contains(name)).Order(StringComparer.Ordinal).ToList();
    }

    // The analyzer's spelling: nested types joined by '.', generic parameters in angle brackets.
    private static string Name(Type type)
    {
        string name = type.FullName!.Replace('+', '.');
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name)) + ">";
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FeishuResources.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of FeishuResources.sln) was not found above " + AppContext.BaseDirectory);
    }
}
