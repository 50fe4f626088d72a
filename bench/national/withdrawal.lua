-- wrk script of the national benchmark: POST /inmates/{id}/premi/withdrawals of Rp1 from one account, again and
-- again.   wrk ... -s withdrawal.lua URL -- TOKEN PERSON_ID
local token, person

function init(args)
  token, person = args[1], args[2]
end

function request()
  return wrk.format("POST", "/api/v1/inmates/" .. person .. "/premi/withdrawals",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"part":"spendable","amount":1,"purpose":"basic-needs","note":"bench"}')
end
