-- wrk script for kb-searchd and the omega CGI: requests rotate through a query mix, and a count of
-- non-200 answers is printed at the end so "errors" in the report means every failed request,
-- not only socket errors.
--   KB_BENCH_PATHS  file with one request path per line (the mix); each wrk thread starts at a
--                   different line so connections do not ask the same thing in lockstep
--   KB_BENCH_PATH   a single fixed path (used when KB_BENCH_PATHS is not set)
local paths = {}
local next_index = 1
-- A global, not a local: done() runs in another Lua state and reads it with thread:get.
bad = 0
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  local file = os.getenv("KB_BENCH_PATHS")
  if file then
    for line in io.lines(file) do
      if line ~= "" then table.insert(paths, line) end
    end
  end
  if #paths == 0 then
    table.insert(paths, os.getenv("KB_BENCH_PATH") or "/api/search?q=jeugdhulp&provincie=Groningen")
  end
  next_index = ((thread_number or 1) * 7) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, thread in ipairs(threads) do
    non200 = non200 + (thread:get("bad") or 0)
  end
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f median_ms=%.2f p90_ms=%.2f p99_ms=%.2f " ..
    "max_ms=%.2f non200=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, non200, socket_errors))
end
