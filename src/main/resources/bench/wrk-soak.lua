-- wrk script of the bench-soak command: a request mix read from a file, optional pacing to a request rate,
-- status counts, and one JSON summary line ("SOAK_JSON {...}") that the command parses.
-- Arguments (after wrk's --): PATHS_FILE [RATE_PER_THREAD]
--   PATHS_FILE       request paths, one a line; each request picks one at random
--   RATE_PER_THREAD  requests per second this thread aims at (0 or absent: as fast as the connections go)
-- Pacing is a schedule per thread: the n-th request is due n/rate after the first; a connection whose answer
-- came back early waits for the next free slot, one that is late sends at once (never more than 1 s of
-- backlog is caught up, so a stall does not end in a burst). wrk is closed-loop: the rate is only offered while
-- enough connections are free, which is why the command reports the rate actually sent.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
int clock_gettime(int clk_id, soak_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("soak_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

paths = {}
statuses = {}
retry_after_missing = 0
local interval_ms = 0
local next_slot = nil

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  local rate = tonumber(args[2] or "0") or 0
  if rate > 0 then
    interval_ms = 1000 / rate
  end
  math.randomseed(1000 + (thread_id or 1))
end

function request()
  return wrk.format(nil, paths[math.random(#paths)])
end

function delay()
  if interval_ms == 0 then
    return 0
  end
  local now = now_ms()
  if next_slot == nil or next_slot < now - 1000 then
    next_slot = now
  end
  local slot = next_slot
  next_slot = next_slot + interval_ms
  if slot <= now then
    return 0
  end
  return math.floor(slot - now)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil and headers["retry-after"] == nil then
    retry_after_missing = retry_after_missing + 1
  end
end

function done(summary, latency, requests)
  local counts = {}
  local missing = 0
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do
      counts[code] = (counts[code] or 0) + n
    end
    missing = missing + t:get("retry_after_missing")
  end
  local parts = {}
  for code, n in pairs(counts) do
    parts[#parts + 1] = string.format('"%d":%d', code, n)
  end
  local e = summary.errors
  io.write(string.format(
    'SOAK_JSON {"durationMicros":%d,"requests":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyMicros":{"min":%d,"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d},' ..
    '"statuses":{%s},"retryAfterMissing":%d}\n',
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max,
    table.concat(parts, ","), missing))
end
