-- wrk script of bench/serving: every request is a path drawn at random, uniformly, from the file named by the
-- first argument after "--" (one a line: a GET's path, or "POST <path> <JSON body>"); a second argument, if given, is a pause in ms that each connection
-- takes before each request (a paced load, not as fast as the server can answer). done() prints one "wrk-result" line that ServingBench parses;
-- latencies are wrk's, in microseconds.
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

local prepared = {}
local count = 0
local pause = 0

function init(args)
  pause = tonumber(args[2] or "0")
  for line in io.lines(args[1]) do
    count = count + 1
    local path, body = line:match("^POST (%S+) (.*)$")
    if path then
      prepared[count] = wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
    else
      prepared[count] = wrk.format("GET", line)
    end
  end
  -- a fixed seed per thread: the same draws on every run
  math.randomseed(42 + 7919 * thread_number)
end

function delay()
  return pause
end

function request()
  return prepared[math.random(count)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-result requests=%d duration_us=%d p50_us=%d p99_us=%d p999_us=%d "
      .. "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      latency:percentile(99.9), e.status, e.connect, e.read, e.write, e.timeout))
end
