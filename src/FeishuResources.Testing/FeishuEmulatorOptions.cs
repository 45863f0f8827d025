using System;

namespace FeishuResources.Testing;

/// <summary>Settings of a <see cref="FeishuEmulator"/>; every one has a default that matches the platform.</summary>
public sealed class FeishuEmulatorOptions
{
    /// <summary>The app id the token endpoints accept.</summary>
    public string AppId { get; set; } = "cli_emulator0000000001";

    /// <summary>The app secret the token endpoints accept.</summary>
    public string AppSecret { get; set; } = "emulator-app-secret-0000000000000";

    /// <summary>
    /// The <c>app_ticket</c> of a store app, which the platform would push as an event: hand it to the
    /// SDK's ticket store, or handle <see cref="FeishuEmulator.AppTicketResent"/>.
    /// </summary>
    public string AppTicket { get; set; } = "emulator-app-ticket-0000000000001";

    /// <summary>The lifetime of issued tokens (the <c>expire</c> answered); defaults to 7200 seconds.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>
    /// Whether the download APIs enforce their frequency limits; defaults to <see langword="true"/>.
    /// Turn it off to fire bursts without a client-side limiter.
    /// </summary>
    public bool RateLimitingEnabled { get; set; } = true;

    /// <summary>Requests admitted per (tenant, API) in any one second; defaults to 50.</summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests admitted per (tenant, API) in any one minute; defaults to 1000.</summary>
    public int RequestsPerMinute { get; set; } = 1000;

    /// <summary>
    /// The largest resource served whole; larger ones answer 234037 unless requested in ranges. Defaults
    /// to 100 MiB (104,857,600 bytes), the platform's "100 MB".
    /// </summary>
    public long MaxWholeDownloadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The port to listen on at 127.0.0.1; defaults to 0, a port the OS picks, so emulators never collide.
    /// Set a fixed port only for manual trials (the <c>feishu-resources emulator --port</c> command), never in tests.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// The clock of token expiry and of rate-limit windows; defaults to <see cref="TimeProvider.System"/>.
    /// Injected delays (<see cref="FeishuEmulatorFaults.DelayHeaders"/>, <see cref="FeishuEmulatorFaults.SlowBody"/>)
    /// always take real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The most bytes per second one response body is sent at, like one TCP connection over a slow or distant
    /// link; defaults to <see langword="null"/>, as fast as loopback allows. Each response is paced on its own,
    /// so several ranged requests at once move several times as much: what parallel downloads gain on a real
    /// network. Pacing takes real time, whatever <see cref="TimeProvider"/> says.
    /// </summary>
    public long? ResponseBytesPerSecond { get; set; }

    internal void Validate()
    {
        RequireText(AppId, nameof(AppId));
        RequireText(AppSecret, nameof(AppSecret));
        RequireText(AppTicket, nameof(AppTicket));
        if (TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TokenLifetime), TokenLifetime, "FeishuEmulatorOptions.TokenLifetime must be positive.");
        }

        if (RequestsPerSecond <= 0 || RequestsPerMinute <= 0)
        {
            throw new ArgumentOutOfRangeException(RequestsPerSecond <= 0 ? nameof(RequestsPerSecond) : nameof(RequestsPerMinute), "FeishuEmulatorOptions rate limits must be positive; set RateLimitingEnabled to false to turn them off.");
        }

        if (MaxWholeDownloadBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWholeDownloadBytes), MaxWholeDownloadBytes, "FeishuEmulatorOptions.MaxWholeDownloadBytes must not be negative.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "FeishuEmulatorOptions.Port must be between 0 (a port the OS picks) and 65535.");
        }

        if (ResponseBytesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ResponseBytesPerSecond), ResponseBytesPerSecond, "FeishuEmulatorOptions.ResponseBytesPerSecond must be positive, or null for no cap.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("FeishuEmulatorOptions." + name + " must not be empty.", name);
        }
    }
}
