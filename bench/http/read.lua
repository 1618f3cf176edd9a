-- bench/http/read.lua: GET /api/v1/periods/{period}/scores with the session
-- cookie: every request computes the period's scores from the database.
local c = dofile(os.getenv("DTI_HTTP_LUA") .. "/common.lua")

wrk.method = "GET"
wrk.path = "/api/v1/periods/" .. c.env("DTI_PERIOD") .. "/scores"
wrk.headers["Cookie"] = "dti_session=" .. c.env("DTI_COOKIE")

done = c.done
