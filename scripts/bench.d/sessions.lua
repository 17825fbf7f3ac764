-- wrk script of scripts/bench-cluster: requests on update sessions, spread over many of them.
-- Arguments (after `--`): the method, GET (the session) or POST (its keep-alive, which writes),
-- then the session ids. Each wrk thread walks the ids in turn.
local method = "GET"
local paths = {}
local next = 0

function init(args)
  method = args[1]
  for i = 2, #args do
    local path = "/api/content/library/item/update-session/" .. args[i]
    if method == "POST" then path = path .. "?action=keep-alive" end
    paths[#paths + 1] = path
  end
end

function request()
  next = next % #paths + 1
  return wrk.format(method, paths[next])
end
