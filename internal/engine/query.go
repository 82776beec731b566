package engine

import (
	"fmt"
	"net/url"
	"strings"
)

// CodeBadQuery is the Code of the 400 for a query string that is not
// validly percent-encoded; surfaces answer it as their "illegal value".
const CodeBadQuery = "bad-query"

// CheckQuery reports the first parameter of a raw query string whose name
// or value is not validly percent-encoded, which url.Values (and so
// Request.URL.Query) would drop silently: its name (as sent, when the
// name itself is malformed) and the error.
func CheckQuery(raw string) (name string, err error) {
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		k, err := url.QueryUnescape(key)
		if err != nil {
			return key, err
		}
		if _, err := url.QueryUnescape(value); err != nil {
			return k, err
		}
	}
	return "", nil
}

// BadQueryText is the message of a bad query parameter found by
// CheckQuery.
func BadQueryText(name string, err error) string {
	return fmt.Sprintf("query parameter %q is not validly percent-encoded: %v", name, err)
}
