using System;
using System.Collections.Generic;
using System.Net;
using FeishuResources.Testing.Faults;
using FeishuResources.Testing.Tokens;

namespace FeishuResources.Testing;

/// <summary>
/// Makes the emulator misbehave the way the platform and its gateways do. Each fault applies to the
/// download requests for one resource key, or to every download request when the key is
/// <see langword="null"/>, for a number of requests (<see langword="null"/>: until <see cref="Clear"/>).
/// Message reads (<c>GET /open-apis/im/v1/messages/{message_id}</c>) count as requests for the message id as their key:
/// <c>FailWith(230002, "om_…")</c> answers "the bot is not in the chat" for that message.
/// Faults of one kind apply in the order they were added; faults of different kinds combine.
/// </summary>
public sealed class FeishuEmulatorFaults
{
    private readonly object _gate = new();
    private readonly List<Fault> _faults = new();
    private readonly TokenIssuer _tokens;

    internal FeishuEmulatorFaults(TokenIssuer tokens)
    {
        _tokens = tokens;
    }

    /// <summary>
    /// Answers with a platform error: <c>{"code","msg","error":{"log_id","troubleshooter"}}</c> and the
    /// HTTP status the platform uses for <paramref name="code"/> (400 for the 2340xx codes, 429 for 99991400,
    /// 200 for 99991663, …) unless <paramref name="statusCode"/> says otherwise.
    /// </summary>
    /// <param name="code">The platform code, for example 234037.</param>
    /// <param name="resourceKey">The key whose requests fail; <see langword="null"/> for all.</param>
    /// <param name="times">How many requests fail; <see langword="null"/> for all until <see cref="Clear"/>.</param>
    /// <param name="statusCode">The HTTP status to send instead of the platform's usual one.</param>
    /// <param name="message">The <c>msg</c> to send instead of the platform's usual one.</param>
    public void FailWith(int code, string? resourceKey = null, int? times = null, HttpStatusCode? statusCode = null, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(code);
        Add(new Fault(FaultKind.Error, resourceKey, CheckTimes(times)) { Code = code, Status = (int?)statusCode, Message = message });
    }

    /// <summary>
    /// Throttles the next <paramref name="times"/> requests as the gateway does: HTTP 429, code 99991400,
    /// <c>x-ogw-ratelimit-limit</c> and <c>x-ogw-ratelimit-reset</c>.
    /// </summary>
    /// <param name="times">How many requests are throttled.</param>
    /// <param name="reset">What <c>x-ogw-ratelimit-reset</c> says; whole seconds are sent, rounded up.</param>
    /// <param name="resourceKey">The key whose requests are throttled; <see langword="null"/> for all.</param>
    public void RateLimit(int times, TimeSpan reset, string? resourceKey = null)
    {
        ThrowIfNegative(reset, nameof(reset));
        Add(new Fault(FaultKind.RateLimit, resourceKey, CheckTimes(times)) { Delay = reset });
    }

    /// <summary>
    /// Sends the response headers with the full <c>Content-Length</c>, then <paramref name="bytes"/> bytes of
    /// the body, then resets the connection, as a flaky network does.
    /// </summary>
    /// <param name="bytes">How many body bytes get through.</param>
    /// <param name="resourceKey">The key whose downloads break; <see langword="null"/> for all.</param>
    /// <param name="times">How many downloads break; <see langword="null"/> for all until <see cref="Clear"/>.</param>
    public void DropConnectionAfter(long bytes, string? resourceKey = null, int? times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Add(new Fault(FaultKind.DropConnection, resourceKey, CheckTimes(times)) { Bytes = bytes });
    }

    /// <summary>Waits <paramref name="delay"/> (real time) before answering at all.</summary>
    /// <param name="delay">The wait before the response headers.</param>
    /// <param name="resourceKey">The key whose requests wait; <see langword="null"/> for all.</param>
    /// <param name="times">How many requests wait; <see langword="null"/> for all until <see cref="Clear"/>.</param>
    public void DelayHeaders(TimeSpan delay, string? resourceKey = null, int? times = null)
    {
        ThrowIfNegative(delay, nameof(delay));
        Add(new Fault(FaultKind.DelayHeaders, resourceKey, CheckTimes(times)) { Delay = delay });
    }

    /// <summary>Sends the body in chunks of <paramref name="chunkSize"/> bytes, waiting <paramref name="delayPerChunk"/> (real time) before each.</summary>
    /// <param name="chunkSize">The bytes sent at a time.</param>
    /// <param name="delayPerChunk">The wait before each chunk.</param>
    /// <param name="resourceKey">The key whose downloads are slow; <see langword="null"/> for all.</param>
    /// <param name="times">How many downloads are slow; <see langword="null"/> for all until <see cref="Clear"/>.</param>
    public void SlowBody(int chunkSize, TimeSpan delayPerChunk, string? resourceKey = null, int? times = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        ThrowIfNegative(delayPerChunk, nameof(delayPerChunk));
        Add(new Fault(FaultKind.SlowBody, resourceKey, CheckTimes(times)) { ChunkSize = chunkSize, Delay = delayPerChunk });
    }

    /// <summary>
    /// Revokes every tenant access token issued so far: the next download with one answers 99991663 with
    /// HTTP 200, and the next token request gets a new token. A store app's app access tokens stay valid.
    /// </summary>
    public void RevokeCurrentToken() => _tokens.RevokeTenantTokens();

    /// <summary>Removes every fault that has not been used up.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The first live fault of <paramref name="kind"/> for this key, used up by one application.</summary>
    internal Fault? Take(FaultKind kind, string? resourceKey)
    {
        lock (_gate)
        {
            // Spent faults are dropped on the way, so a long test run does not scan an ever-growing list.
            _faults.RemoveAll(static fault => fault.IsSpent);
            foreach (Fault fault in _faults)
            {
                if (fault.Matches(kind, resourceKey) && fault.TryConsume())
                {
                    return fault;
                }
            }

            return null;
        }
    }

    private void Add(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    private static void ThrowIfNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "The time span must not be negative.");
        }
    }

    private static int? CheckTimes(int? times)
    {
        if (times is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(times));
        }

        return times;
    }
}
