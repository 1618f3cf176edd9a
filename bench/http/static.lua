-- bench/http/static.lua: nginx's static copy of the score response.
local c = dofile(os.getenv("DTI_HTTP_LUA") .. "/common.lua")

wrk.method = "GET"
wrk.path = "/score.json"

done = c.done
