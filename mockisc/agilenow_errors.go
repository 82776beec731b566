package mockisc

// agileNowError builds the AgileNow error envelope for an error response.
// It is replaced by the AgileNow implementation.
func agileNowError(c *call, resp *response, tracking string) []byte {
	return marshal(map[string]any{"Errors": []string{resp.errText}, "StatusCode": resp.status,
		"Instance": c.r.URL.Path, "RequestKey": tracking})
}

// agileNowRoutes lists the AgileNow Endpoint API's routes.
func agileNowRoutes() []*route { return nil }
