package oas

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// RFC 3339 section 5.6: date-time = full-date "T" full-time, with "T" and
// "Z" case-insensitive.
var (
	rfc3339   = regexp.MustCompile(`^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$`)
	utcMillis = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
)

// RFC3339 accepts an RFC 3339 date-time, which is what format date-time
// means in OpenAPI: "2025-01-01T00:00:00Z", "2025-01-01T02:00:00.5+02:00".
// It is the default Options.DateTime.
func RFC3339(s string) error {
	if !rfc3339.MatchString(s) {
		return fmt.Errorf("%q is not an RFC 3339 date-time", s)
	}
	if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s)); err != nil {
		return fmt.Errorf("%q is not an RFC 3339 date-time: %v", s, err)
	}
	return nil
}

// RFC3339UTCMillis accepts what RFC3339 accepts, in UTC with exactly three
// fractional digits, as ISC writes date-times: "2025-01-01T00:00:00.000Z".
func RFC3339UTCMillis(s string) error {
	if err := RFC3339(s); err != nil {
		return err
	}
	if !utcMillis.MatchString(s) {
		return fmt.Errorf("%q is not UTC with milliseconds", s)
	}
	return nil
}
