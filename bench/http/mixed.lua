-- bench/http/mixed.lua: the soak of run.sh, a mix of the signed-in reads a
-- web client makes, and a few writes so that the write path's memory is
-- watched too. Out of every 100 requests:
--   60 GET  /api/v1/periods/{period}/scores
--   10 GET  /api/v1/periods/{period}/scores?explain=1
--   10 GET  /api/v1/periods/{period}/values?unit={unit}
--    8 GET  /api/v1/periods/{period}/status
--    5 GET  /api/v1/periods
--    5 GET  /api/v1/session
--    2 PUT  /api/v1/periods/{period}/values/{unit}/3.3.a (draft)
local c = dofile(os.getenv("DTI_HTTP_LUA") .. "/common.lua")

local period = c.env("DTI_PERIOD")
local unit = c.env("DTI_UNIT")
local cookie = { ["Cookie"] = "dti_session=" .. c.env("DTI_COOKIE") }
local put = {
	["Cookie"] = cookie["Cookie"],
	["X-CSRF-Token"] = c.env("DTI_CSRF"),
	["Content-Type"] = "application/json",
}
local p = "/api/v1/periods/" .. period
local ring = {}
local at = 0

local threads = 0
function setup(thread)
	thread:set("start", threads * 50)
	threads = threads + 1
end

function init(args)
	local get, wr = c.with_host(cookie), c.with_host(put)
	local mix = {
		{ 60, wrk.format("GET", p .. "/scores", get) },
		{ 10, wrk.format("GET", p .. "/scores?explain=1", get) },
		{ 10, wrk.format("GET", p .. "/values?unit=" .. unit, get) },
		{ 8, wrk.format("GET", p .. "/status", get) },
		{ 5, wrk.format("GET", "/api/v1/periods", get) },
		{ 5, wrk.format("GET", "/api/v1/session", get) },
		{ 1, wrk.format("PUT", p .. "/values/" .. unit .. "/3.3.a", wr,
		    '{"value":"91000"}') },
		{ 1, wrk.format("PUT", p .. "/values/" .. unit .. "/3.3.a", wr,
		    '{"value":"91001"}') },
	}
	-- a fixed interleaving of 100 requests (no randomness: runs compare)
	local left = {}
	for i, m in ipairs(mix) do left[i] = m[1] end
	while #ring < 100 do
		for i, m in ipairs(mix) do
			if left[i] > 0 then
				ring[#ring + 1] = m[2]
				left[i] = left[i] - 1
			end
		end
	end
	at = (tonumber(start) or 0) % #ring
end

function request()
	at = at % #ring + 1
	return ring[at]
end

done = c.done
