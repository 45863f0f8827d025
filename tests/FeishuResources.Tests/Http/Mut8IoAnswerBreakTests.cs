using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Xunit;

namespace FeishuResources.Tests.Http;

/// <summary>
/// An API answer (not a file) whose connection breaks while the SDK reads it surfaces that break, past the bytes the
/// classifier already peeked at, instead of being read as an empty or unreadable answer.
/// </summary>
public sealed class Mut8IoAnswerBreakTests
{
    private const string MessageUrl = MockFeishu.BaseUrl + "/open-apis/im/v1/messages/";

    [Fact]
    public async Task A_message_answer_whose_connection_breaks_after_the_peeked_bytes_surfaces_the_break()
    {
        using var feishu = new MockFeishu();
        var broke = new IOException("The connection broke in the middle of the answer.");
        feishu.Http.When(HttpMethod.Get, MessageUrl + "om_broken").Respond(_ =>
        {
            var content = new StreamContent(new BreakingAnswer(100_000, broke));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => feishu.Client.GetMessageResourcesAsync("om_broken"));

        Assert.Contains(broke, Chain(thrown));
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>The start of a JSON answer padded with blanks, whose read fails after <c>length</c> bytes.</summary>
    private sealed class BreakingAnswer(int length, IOException failure) : StubStream
    {
        private static readonly byte[] Start = Encoding.UTF8.GetBytes("{\"code\":0,\"msg\":\"success\",\"data\":{\"items\":[");
        private int _position;

        public override bool CanRead => true;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= length)
            {
                throw failure;
            }

            int n = Math.Min(count, length - _position);
            for (int i = 0; i < n; i++)
            {
                int at = _position + i;
                buffer[offset + i] = at < Start.Length ? Start[at] : (byte)' ';
            }

            _position += n;
            return n;
        }
    }
}
