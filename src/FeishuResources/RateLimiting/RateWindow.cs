using System;

namespace FeishuResources.RateLimiting;

/// <summary>At most <see cref="Limit"/> starts in any interval of <see cref="Length"/>.</summary>
internal readonly record struct RateWindow(int Limit, TimeSpan Length);
