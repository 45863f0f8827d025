namespace FeishuResources.Testing.Downloads;

/// <summary>One resource the emulator can serve: its bytes, media type, file name and message type.</summary>
internal sealed record SeededResource(FeishuEmulatorContent Content, string ContentType, string? FileName, FeishuResourceType Type);
