using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FeishuResources.Authentication;
using FeishuResources.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FeishuResources.Tests.Authentication;

/// <summary>
/// The token fetch runs on the thread pool, away from the caller's context; but each part of a token endpoint's
/// answer may complete on a thread that carries a <see cref="SynchronizationContext"/> of its own (an app's handler
/// or a UI framework's I/O callback), and the fetch resumes there. It must carry on without capturing that context:
/// here every such completion comes on a new thread with a new context, so a capture shows as a post.
/// </summary>
public sealed class TokenAnswerThreadContextTests
{
    private const string Auth = "/open-apis/auth/v3/";
    private const string SelfBuiltToken = Auth + "tenant_access_token/internal";
    private const string AppToken = Auth + "app_access_token";
    private const string TenantToken = Auth + "tenant_access_token";
    private const string Resend = Auth + "app_ticket/resend";

    private static readonly string AppTokenAnswer = MockFeishu.TokenBody("a-app", 7200, "app_access_token");
    private static readonly string TenantTokenAnswer = MockFeishu.TokenBody("t-tenant", 7200);

    public static TheoryData<string, Dictionary<string, string[]>, string[]> Fetches => new()
    {
        { "self-built app", new() { [SelfBuiltToken] = [TenantTokenAnswer] }, [SelfBuiltToken] },
        { "store app", new() { [AppToken] = [AppTokenAnswer], [TenantToken] = [TenantTokenAnswer] }, [AppToken, TenantToken] },
        {
            "store app whose app token went stale",
            new() { [AppToken] = [AppTokenAnswer], [TenantToken] = [MockFeishu.ErrorBody(FeishuErrorCodes.AppAccessTokenInvalid), TenantTokenAnswer] },
            [AppToken, TenantToken, AppToken, TenantToken]
        },
    };

    [Theory]
    [MemberData(nameof(Fetches))]
    public async Task A_token_fetch_whose_answers_arrive_on_threads_with_a_synchronization_context_never_continues_on_one(string app, Dictionary<string, string[]> answers, string[] asked)
    {
        (MockFeishu feishu, ContextThreadNetwork network) = Create(app, answers);
        using var _ = feishu;

        (await Download(feishu, app).WaitAsync(TimeSpan.FromSeconds(10))).Dispose();

        Assert.Equal(asked, network.Asked);
        Assert.Equal(0, network.Contexts.Posts);
    }

    [Fact]
    public async Task A_refused_ticket_whose_answers_arrive_on_threads_with_a_synchronization_context_asks_for_a_resend_without_continuing_on_one()
    {
        const string app = "store app";
        (MockFeishu feishu, ContextThreadNetwork network) = Create(app, new() { [AppToken] = ["""{"code":10012,"msg":"app_ticket invalid"}"""], [Resend] = ["""{"code":0,"msg":"ok"}"""] });
        using var _ = feishu;

        var ex = await Assert.ThrowsAsync<FeishuAuthenticationException>(() => Download(feishu, app).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FeishuErrorCodes.AppTicketInvalid, ex.Code);
        Assert.Equal([AppToken, Resend], network.Asked);
        Assert.Equal(0, network.Contexts.Posts);
    }

    private static (MockFeishu Feishu, ContextThreadNetwork Network) Create(string app, Dictionary<string, string[]> answers)
    {
        var network = new ContextThreadNetwork(answers);
        var feishu = new MockFeishu(
            o => o.AppType = app == "self-built app" ? FeishuAppType.SelfBuilt : FeishuAppType.Store,
            s => s.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => network)),
            tokenEndpoint: false);
        feishu.Services.GetRequiredService<FeishuAppTicketStore>().SetTicket("ticket");
        return (feishu, network);
    }

    private static Task<FeishuDownload> Download(MockFeishu feishu, string app)
        => feishu.Client.DownloadFileAsync("file_k", app == "self-built app" ? null : new FeishuRequestOptions { TenantKey = "tenant-a" });

    /// <summary>
    /// Answers each token endpoint from its script (call by call, the last answer repeated) with headers and every
    /// read of the body completing later, each on a new thread with a new context; downloads are answered at once.
    /// </summary>
    private sealed class ContextThreadNetwork(Dictionary<string, string[]> answers) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> _asked = new();

        public CountingSynchronizationContext Contexts { get; } = new();

        public string[] Asked => [.. _asked];

        /// <summary>Completes with <paramref name="result"/> on a new thread with its own context, a moment after the caller began to wait.</summary>
        public Task<T> Later<T>(Func<T> result)
        {
            // Without RunContinuationsAsynchronously: whoever waits resumes on that thread, under its context.
            var done = new TaskCompletionSource<T>();
            var thread = new Thread(() =>
            {
                Thread.Sleep(20);
                SynchronizationContext.SetSynchronizationContext(Contexts.Sibling());
                done.SetResult(result());
            })
            { IsBackground = true };
            thread.Start();
            return done.Task;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            if (!answers.TryGetValue(path, out string[]? script))
            {
                return Task.FromResult(MockFeishu.File([1, 2, 3]));
            }

            int call = _asked.Count(p => p == path);
            _asked.Enqueue(path);
            byte[] body = Encoding.UTF8.GetBytes(script[Math.Min(call, script.Length - 1)]);
            return Later(() =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new LateStream(new NonSeekableStream(body), this)) };
                response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return response;
            });
        }
    }

    /// <summary>A body whose every asynchronous read completes later, on a thread with a context of its own.</summary>
    private sealed class LateStream(Stream inner, ContextThreadNetwork network) : StubStream
    {
        public override bool CanRead => true;

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => network.Later(() => inner.Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => new(network.Later(() => inner.Read(buffer.Span)));
    }
}
