namespace FeishuResources.Redis;

/// <summary>
/// The Lua scripts, each run atomically by Redis. Time is always Redis's own (TIME inside the script, in µs), never a
/// replica's clock. One sorted set holds the places of both windows: an anchored place scores its anchor; a place in
/// flight scores the moment it would be given up as lost (now + in-flight timeout), so it counts in every window and
/// is recognisable as in flight because its score lies in the future.
/// </summary>
internal static class QuotaScripts
{
    /// <summary>
    /// Takes a place if both windows allow one more request now, else answers how long to wait (µs).
    /// KEYS: places, pause. ARGV: member, per second, per minute, margin µs, in-flight timeout µs, poll µs, ttl ms.
    /// Returns 0 when the place is taken.
    /// </summary>
    public const string Take = @"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused * 1000 end
local margin = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000000 - margin)
local wait = 0
local windows = { { tonumber(ARGV[2]), 1000000 }, { tonumber(ARGV[3]), 60000000 } }
for _, w in ipairs(windows) do
  local limit, length = w[1], w[2]
  local from = '(' .. (now - length - margin)
  local held = redis.call('ZCOUNT', KEYS[1], from, '+inf')
  if held >= limit then
    -- the place whose leaving brings the window under its limit
    local deciding = tonumber(redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', held - limit, 1)[2])
    local until_free = deciding > now and tonumber(ARGV[6]) or (deciding + length + margin - now)
    if until_free > wait then wait = until_free end
  end
end
if wait > 0 then return math.max(1, math.ceil(wait)) end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return 0
";

    /// <summary>
    /// Anchors a place at this moment: its response headers arrived. Does nothing if the place is gone.
    /// KEYS: places. ARGV: member, ttl ms.
    /// </summary>
    public const string Anchor = @"
local t = redis.call('TIME')
if redis.call('ZADD', KEYS[1], 'XX', 'CH', tonumber(t[1]) * 1000000 + tonumber(t[2]), ARGV[1]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
";

    /// <summary>
    /// Holds every replica back for ARGV[1] ms, never shortening a pause already set. KEYS: pause.
    /// </summary>
    public const string Pause = @"
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
";

    /// <summary>
    /// Adds the places a replica granted on its own while Redis was away, so the shared windows count them.
    /// KEYS: places. ARGV: in-flight timeout µs, ttl ms, then (member, age µs) pairs, age -1 for a place still in flight.
    /// </summary>
    public const string Import = @"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
for i = 3, #ARGV, 2 do
  local age = tonumber(ARGV[i + 1])
  local score = age < 0 and (now + tonumber(ARGV[1])) or (now - age)
  redis.call('ZADD', KEYS[1], score, ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0
";
}
