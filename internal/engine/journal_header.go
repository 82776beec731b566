package engine

import (
	"net/http"
	"strings"
)

// headerPairs is a request header as the journal keeps it: the redacted
// values as name, value pairs, a name's values together, in one
// allocation. The strings are the request's own (strings do not change),
// so capturing a header copies no bytes and builds no map; Entry.Header
// is built when an entry is read. A nil header is nil pairs. A header
// with a name without values (which no request read from the wire has)
// is kept as a redacted copy instead, in odd.
type headerPairs struct {
	pairs []string
	odd   http.Header
}

// captureHeader returns h's pairs, with every credential header's value
// redacted (redactValue).
func captureHeader(h http.Header) headerPairs {
	if h == nil {
		return headerPairs{}
	}
	n := 0
	for _, vs := range h {
		if len(vs) == 0 {
			return headerPairs{odd: redactedCopy(h)}
		}
		n += len(vs)
	}
	p := make([]string, 0, 2*n)
	for k, vs := range h {
		redact := IsCredentialHeader(k)
		for _, v := range vs {
			if redact {
				v = redactValue(k, v)
			}
			p = append(p, k, v)
		}
	}
	return headerPairs{pairs: p}
}

// redactedCopy returns a copy of h with every credential header's value
// redacted.
func redactedCopy(h http.Header) http.Header {
	out := h.Clone()
	for k, vs := range out {
		if IsCredentialHeader(k) {
			for i, v := range vs {
				vs[i] = redactValue(k, v)
			}
		}
	}
	return out
}

// header returns the header, an http.Header of its own.
func (p headerPairs) header() http.Header {
	if p.odd != nil {
		return p.odd.Clone()
	}
	if p.pairs == nil {
		return nil
	}
	h := make(http.Header, len(p.pairs)/2)
	vals := make([]string, len(p.pairs)/2)
	for i := 0; i < len(p.pairs); {
		k, start := p.pairs[i], i/2
		for ; i < len(p.pairs) && p.pairs[i] == k; i += 2 {
			vals[i/2] = p.pairs[i+1]
		}
		h[k] = vals[start : i/2 : i/2]
	}
	return h
}

// size is the header's share of Entry.Size: what Entry.Size counts for
// the header p.header().
func (p headerPairs) size() int64 {
	if p.odd != nil {
		return (&Entry{Header: p.odd}).Size() - (&Entry{}).Size()
	}
	if len(p.pairs) == 0 {
		return 0
	}
	n := 64 // the map
	for i := 0; i < len(p.pairs); i += 2 {
		if i == 0 || p.pairs[i] != p.pairs[i-2] {
			n += len(p.pairs[i]) + 96 // a slot of the map, the key, the values' slice
		}
		n += len(p.pairs[i+1]) + 16
	}
	return int64(n)
}

// isASCII reports whether s is ASCII, so that lower-casing it is
// byte by byte.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// containsFold reports whether ASCII s, lower-cased, contains word, a
// lower-case ASCII letter followed by lower-case ASCII.
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}
