package mockisc

// adminRoutes lists the admin API's routes under /__mockisc/.
func adminRoutes() []*route { return nil }
