using System;

namespace FeishuResources.Testing.RateLimiting;

/// <summary>Why a request was throttled: the cap of the window it exceeded, and how long until that window admits again.</summary>
internal readonly record struct RateLimitRefusal(int Limit, TimeSpan Reset);
