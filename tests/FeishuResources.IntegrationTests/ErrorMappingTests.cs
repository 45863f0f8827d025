using FeishuResources.IntegrationTests.TestSupport;
using FeishuResources.Testing;

namespace FeishuResources.IntegrationTests;

/// <summary>Every code of feishu-protocol.md, sent by the emulator over a socket, surfaces as its exception type with the log id.</summary>
public sealed class ErrorMappingTests
{
    private const string MessageId = "om_dc13264520392913993dd051dba21dcf";
    private const string FileKey = "file_v3_0010j_errors";

    public static TheoryData<int, Type> Codes => new()
    {
        { 234001, typeof(FeishuInvalidRequestException) },
        { 234002, typeof(FeishuAuthenticationException) },
        { 234003, typeof(FeishuResourceNotFoundException) },
        { 234004, typeof(FeishuPermissionDeniedException) },
        { 234005, typeof(FeishuResourceNotFoundException) },
        { 234008, typeof(FeishuPermissionDeniedException) },
        { 234009, typeof(FeishuPermissionDeniedException) },
        { 234019, typeof(FeishuApiException) },
        { 234037, typeof(FeishuResourceTooLargeException) },
        { 234038, typeof(FeishuPermissionDeniedException) },
        { 234040, typeof(FeishuPermissionDeniedException) },
        { 234041, typeof(FeishuTenantStorageException) },
        { 234042, typeof(FeishuTenantStorageException) },
        { 234043, typeof(FeishuInvalidRequestException) },
        { 230110, typeof(FeishuResourceNotFoundException) },
        { 99991400, typeof(FeishuRateLimitedException) },
        { 99991661, typeof(FeishuAuthenticationException) },
        { 99991663, typeof(FeishuAuthenticationException) },
        { 99991664, typeof(FeishuAuthenticationException) },
        { 99991668, typeof(FeishuAuthenticationException) },
        { 99991671, typeof(FeishuAuthenticationException) },
        { 99991672, typeof(FeishuPermissionDeniedException) },
        { 99991676, typeof(FeishuPermissionDeniedException) },
        { 99991677, typeof(FeishuAuthenticationException) },
        { 99991679, typeof(FeishuPermissionDeniedException) },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Each_platform_code_becomes_its_exception_type_with_code_and_log_id(int code, Type expected)
    {
        await using EmulatedFeishu feishu = await EmulatedFeishu.StartAsync();
        feishu.Emulator.AddMessageResource(MessageId, FileKey, FeishuResourceType.File, FeishuEmulatorContent.Generated(16), "application/pdf", "a.pdf");
        feishu.Emulator.Faults.FailWith(code, FileKey);

        FeishuApiException error = (FeishuApiException)await Assert.ThrowsAnyAsync<Exception>(
            () => feishu.Client.DownloadMessageResourceAsync(MessageId, FileKey, FeishuResourceType.File));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.Code);
        Assert.Equal(34, error.LogId?.Length);
        Assert.Contains(feishu.Emulator.Traffic.Requests, r => r.LogId == error.LogId && r.ResourceKey == FileKey);
    }
}
