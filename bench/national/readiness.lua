-- wrk script of the national benchmark: GET /inmates/{id}/release-readiness for a person drawn at random from a
-- file of ids, one per line.   wrk ... -s readiness.lua URL -- TOKEN IDS_FILE
local ids, token = {}, nil

function init(args)
  token = args[1]
  for line in io.lines(args[2]) do ids[#ids + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/inmates/" .. id .. "/release-readiness", { ["Authorization"] = "Bearer " .. token })
end
