-- SPDX-License-Identifier: LGPL-2.1-or-later
-- Copyright 2026 The Gaio authors
--
-- W3 ceiling: wrk cycles through the same paths as the clients (read from
-- the file named by WRK_URL_LIST) and prints its summary as JSON.

local paths = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("WRK_URL_LIST")) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  counter = 0
end

function request()
  counter = counter + 1
  local path = paths[(counter - 1) % #paths + 1]
  return wrk.format("GET", wrk.path .. path)
end

function done(summary, latency, requests)
  io.write(string.format(
    "WRK_JSON {\"requests\": %d, \"bytes\": %d, \"duration_us\": %d, " ..
    "\"errors_status\": %d, \"errors_connect\": %d, \"errors_read\": %d, " ..
    "\"errors_write\": %d, \"errors_timeout\": %d}\n",
    summary.requests, summary.bytes, summary.duration,
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
