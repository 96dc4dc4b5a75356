-- wrk script: a remote worker popping one due job per request from queue "bench-pop"
wrk.method = "POST"
wrk.path = "/api/v1/queues/bench-pop/pop?limit=1"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"worker":"wrk","leaseSeconds":600}'
