package engine

import (
	"encoding/binary"
	"net/http"
	"strings"
)

// headerPairs is a request header as the journal keeps it: the redacted
// values as name, value pairs, a name's values together, each string
// after its length as a uvarint, in a string of pairs (which record makes
// the end of the entry's one string, and which headerPairs does not
// hold). The strings are copied once, and no map is built; Entry.Header
// is built when an entry is read. A nil header is one without present. A
// header with a name without values (which no request read from the wire
// has) is kept as a redacted copy instead, in odd.
type headerPairs struct {
	present bool
	odd     http.Header
	bytes   int64 // the header's share of Entry.Size: what it counts for the header header() returns
}

// appendHeader appends h's pairs, with every credential header's value
// redacted (redactValue), to b, and returns what else the journal keeps
// of h.
func appendHeader(b []byte, h http.Header) ([]byte, headerPairs) {
	if h == nil {
		return b, headerPairs{}
	}
	start := len(b)
	size := int64(64) // the map, as Entry.Size counts it
	for k, vs := range h {
		if len(vs) == 0 {
			odd := redactedCopy(h)
			return b[:start], headerPairs{present: true, odd: odd, bytes: (&Entry{Header: odd}).Size() - (&Entry{}).Size()}
		}
		redact := IsCredentialHeader(k)
		size += int64(len(k)) + 96 // a slot of the map, the key, the values' slice
		for _, v := range vs {
			if redact {
				v = redactValue(k, v)
			}
			b = append(binary.AppendUvarint(b, uint64(len(k))), k...)
			b = append(binary.AppendUvarint(b, uint64(len(v))), v...)
			size += int64(len(v)) + 16
		}
	}
	if len(h) == 0 {
		size = 0
	}
	return b, headerPairs{present: true, bytes: size}
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

// header returns the header, an http.Header of its own (whose strings
// are substrings of pairs, what appendHeader appended).
func (p headerPairs) header(pairs string) http.Header {
	switch {
	case p.odd != nil:
		return p.odd.Clone()
	case !p.present:
		return nil
	}
	var names, vals []string
	for rest := pairs; rest != ""; {
		var k, v string
		k, rest = nextString(rest)
		v, rest = nextString(rest)
		names, vals = append(names, k), append(vals, v)
	}
	h := make(http.Header, len(names))
	for i := 0; i < len(names); {
		k, start := names[i], i
		for ; i < len(names) && names[i] == k; i++ {
		}
		h[k] = vals[start:i:i]
	}
	return h
}

// nextString returns the string at the start of s, after its length as
// a uvarint, and the rest of s.
func nextString(s string) (string, string) {
	var n uint64
	i := 0
	for shift := 0; ; shift += 7 {
		c := s[i]
		i++
		n |= uint64(c&0x7f) << shift
		if c < 0x80 {
			break
		}
	}
	end := i + int(n)
	return s[i:end], s[end:]
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
