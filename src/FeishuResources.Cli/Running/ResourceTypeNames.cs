using System;

namespace FeishuResources.Cli.Running;

/// <summary>The <c>image</c>/<c>file</c> spelling of <see cref="FeishuResourceType"/> on the command line, as the API spells it.</summary>
internal static class ResourceTypeNames
{
    public const string Image = "image";
    public const string File = "file";

    public static bool TryParse(string text, out FeishuResourceType type)
    {
        bool image = string.Equals(text, Image, StringComparison.OrdinalIgnoreCase);
        type = image ? FeishuResourceType.Image : FeishuResourceType.File;
        return image || string.Equals(text, File, StringComparison.OrdinalIgnoreCase);
    }

    public static string Format(FeishuResourceType type) => type == FeishuResourceType.Image ? Image : File;
}
