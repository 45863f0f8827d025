using System.Reflection;

namespace FeishuResources.Tests.PublicApi;

/// <summary>
/// Compares an assembly's public surface with its checked-in file under <c>api/</c>. Set
/// <c>UPDATE_API_BASELINE=1</c> to rewrite the file instead, then review and commit the diff.
/// </summary>
internal static class PublicApiBaseline
{
    public const string UpdateVariable = "UPDATE_API_BASELINE";

    /// <summary>Null when the surface matches (or the file was rewritten); otherwise what to tell the developer.</summary>
    public static string? Check(Assembly assembly, string fileName)
    {
        string path = Path.Combine(RepositoryRoot(), "api", fileName);
        string actual = PublicApiDump.For(assembly);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return null;
        }

        string expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (expected == actual)
        {
            return null;
        }

        string[] expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] actualLines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> diff = expectedLines.Except(actualLines).Select(line => "- " + line)
            .Concat(actualLines.Except(expectedLines).Select(line => "+ " + line));
        return $"The public API of {assembly.GetName().Name} differs from api/{fileName}:\n{string.Join("\n", diff)}\n"
            + $"If the change is intended, run the tests with {UpdateVariable}=1 to rewrite the file, and commit it.";
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
