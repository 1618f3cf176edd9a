-- bench/http/common.lua: shared by the wrk scripts of bench/http/run.sh.
-- Loaded with dofile(os.getenv("DTI_HTTP_LUA") .. "/common.lua").
--
-- done() prints one machine-readable line that run.sh parses:
--   RESULT requests=N seconds=S rps=R p50_us=A p90_us=B p99_us=C max_us=D
--          connect=E read=F write=G timeout=H status=I slow=J
-- where status counts the responses that were not 2xx or 3xx (wrk's own
-- "Non-2xx or 3xx responses") and connect..timeout are socket errors.
-- run.sh gives wrk --timeout 10s so that slow answers keep their real
-- latency in the percentiles; slow estimates, from the latency histogram,
-- how many answers took over 2 s: wrk's default timeout, which would have
-- counted them as timeout errors.

local M = {}

-- Environment set by run.sh; a missing one is an error, not a silent 401.
function M.env(name)
	local v = os.getenv(name)
	if v == nil or v == "" then
		error(name .. " is not set (run bench/http/run.sh)")
	end
	return v
end

-- wrk.format() adds no Host header by itself: wrk.init sets
-- wrk.headers.Host just before calling the script's init(), so requests
-- made with wrk.format() are built in init() and take this Host.
function M.with_host(headers)
	local h = {}
	for k, v in pairs(headers) do h[k] = v end
	h["Host"] = wrk.headers["Host"] or (wrk.host .. ":" .. wrk.port)
	return h
end

-- the number of answers slower than ${us} microseconds
local function slower(latency, n, us)
	if latency.max <= us then
		return 0
	end
	local lo, hi = 0, 100 -- percentile(lo) <= us < percentile(hi)
	for _ = 1, 40 do
		local mid = (lo + hi) / 2
		if latency:percentile(mid) <= us then lo = mid else hi = mid end
	end
	return math.floor(n * (100 - lo) / 100 + 0.5)
end

function M.done(summary, latency, requests)
	local e = summary.errors
	local secs = summary.duration / 1e6
	io.write(string.format(
	    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d " ..
	    "p99_us=%d max_us=%d connect=%d read=%d write=%d timeout=%d " ..
	    "status=%d slow=%d\n",
	    summary.requests, secs, summary.requests / secs,
	    latency:percentile(50), latency:percentile(90),
	    latency:percentile(99), latency.max, e.connect, e.read, e.write,
	    e.timeout, e.status, slower(latency, summary.requests, 2e6)))
end

return M
