using System;

namespace FeishuResources.Testing.Messages;

/// <summary>A message in a chat's or thread's order: by creation time, then by the order it was added.</summary>
internal sealed record ListedMessage(EmulatedMessage Message, long Sequence) : IComparable<ListedMessage>
{
    public int CompareTo(ListedMessage? other)
        => other is null ? 1
            : Message.CreateTimeMilliseconds != other.Message.CreateTimeMilliseconds ? Message.CreateTimeMilliseconds.CompareTo(other.Message.CreateTimeMilliseconds)
            : Sequence.CompareTo(other.Sequence);
}
