-- wrk script for kb-searchd (and the omega CGI): one fixed request path, taken from the
-- environment (KB_BENCH_PATH), and a count of non-200 answers printed at the end so "errors"
-- in the report means every failed request, not only socket errors.
local path = os.getenv("KB_BENCH_PATH") or "/api/search?q=jeugdhulp&provincie=Groningen"
local bad = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function request()
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
