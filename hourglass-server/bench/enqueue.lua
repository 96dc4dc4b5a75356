-- wrk script: enqueue one job per request (a task no node runs, due in an hour, so the engine stays idle)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"task":"bench-remote","allowUnknownTask":true,"queue":"bench","delay":"PT1H","kwargs":{"n":1}}'
