-- wrk script: cycles through the pages and files a reader loads, and counts answers that are
-- not 200 (wrk's own "Non-2xx" line counts them too; this also catches 3xx).
local paths = {
  "/", "/pilotit/vatu/", "/alueet/pirkanmaa/", "/teemat/perhekeskus/", "/muistiot/",
  "/sv/", "/sv/pilotit/vatu/", "/static/style.css", "/haku/", "/sitemap.xml",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests: %d, errors: connect %d read %d write %d timeout %d status %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
