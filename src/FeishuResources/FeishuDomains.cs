using System;

namespace FeishuResources;

/// <summary>
/// The base addresses of the Feishu and Lark open platforms.
/// </summary>
public static class FeishuDomains
{
    /// <summary>Feishu (mainland China): <c>https://open.feishu.cn</c>.</summary>
    public static Uri Feishu { get; } = new("https://open.feishu.cn");

    /// <summary>Lark (international): <c>https://open.larksuite.com</c>.</summary>
    public static Uri Lark { get; } = new("https://open.larksuite.com");
}
