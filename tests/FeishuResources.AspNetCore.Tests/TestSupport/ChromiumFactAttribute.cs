namespace FeishuResources.AspNetCore.Tests.TestSupport;

/// <summary>
/// A fact that needs Debian's chromium: without <c>/usr/bin/chromium</c> it is reported as skipped, with the
/// reason naming what is missing, instead of passing silently.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath))
        {
            Skip = $"{Chromium.ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium) to run the real-browser download test.";
        }
    }
}
