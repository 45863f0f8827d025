using Xunit;

namespace FeishuResources.Tests.Client;

/// <summary>The fakes the model factory makes look like what the platform lists.</summary>
public sealed class SurfaceModelFactoryTests
{
    [Fact]
    public void A_fake_message_with_a_sender_is_from_a_user_and_neither_deleted_nor_edited()
    {
        var sent = new DateTimeOffset(2026, 2, 7, 20, 50, 10, TimeSpan.Zero);

        FeishuMessage message = FeishuResourcesModelFactory.Message("om_1", "text", createdOn: sent, senderId: "ou_1");

        Assert.Equal("user", message.SenderType);
        Assert.Equal(sent, message.UpdatedOn);
        Assert.False(message.IsDeleted);
        Assert.False(message.IsUpdated);
    }

    [Fact]
    public void A_fake_message_without_a_sender_has_no_sender_type()
    {
        FeishuMessage message = FeishuResourcesModelFactory.Message("om_1");

        Assert.Null(message.SenderId);
        Assert.Null(message.SenderType);
    }

    [Fact]
    public void A_fake_message_given_no_type_has_an_empty_type()
    {
        FeishuMessage message = FeishuResourcesModelFactory.Message("om_1", messageType: null!);

        Assert.Equal(string.Empty, message.MessageType);
    }
}
