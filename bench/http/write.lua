-- bench/http/write.lua: PUT /api/v1/periods/{period}/values/{unit}/{input}
-- {"value": ...} with the session cookie and X-CSRF-Token: a draft value
-- write (each write archives the old row and inserts the new one).
--
-- run.sh first reopens DTI_UNIT's inputs 3.3.a and 1.4 (both led by
-- so-tttt, the coordinator's agency) so that they are drafts that the
-- coordinator may rewrite. The requests alternate between the two inputs:
-- 3.3.a takes 90000..90099 (3.3.b is 150000, and the check 3.3.a <= 3.3.b
-- holds), 1.4 takes its three choice values. Each wrk thread starts at its
-- own place in the ring of prepared requests.
local c = dofile(os.getenv("DTI_HTTP_LUA") .. "/common.lua")

local base = "/api/v1/periods/" .. c.env("DTI_PERIOD") .. "/values/" ..
    c.env("DTI_UNIT") .. "/"
local headers = {
	["Cookie"] = "dti_session=" .. c.env("DTI_COOKIE"),
	["X-CSRF-Token"] = c.env("DTI_CSRF"),
	["Content-Type"] = "application/json",
}
local choices = { "weekly", "less_than_weekly", "none" }
local ring = {}
local at = 0

local threads = 0
function setup(thread)
	thread:set("start", threads * 37)
	threads = threads + 1
end

function init(args)
	local h = c.with_host(headers)
	for i = 0, 199 do
		local path, value
		if i % 2 == 0 then
			path, value = base .. "3.3.a", string.format("%d", 90000 + i / 2)
		else
			path, value = base .. "1.4", choices[(i - 1) / 2 % 3 + 1]
		end
		ring[#ring + 1] = wrk.format("PUT", path, h,
		    '{"value":"' .. value .. '"}')
	end
	at = (tonumber(start) or 0) % #ring
end

function request()
	at = at % #ring + 1
	return ring[at]
end

done = c.done
