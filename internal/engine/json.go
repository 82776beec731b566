package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Marshal encodes v as the APIs do: no HTML escaping, no trailing
// newline. Every value marshalled through it is built by mockisc from
// JSON-safe types, so a failure is a bug and panics.
func Marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("mockisc: marshal: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// JoinArray joins JSON documents into a JSON array.
func JoinArray(docs [][]byte) []byte {
	n := 2
	for _, d := range docs {
		n += len(d) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, d...)
	}
	return append(b, ']')
}

// DescribeJSONError says what is wrong with a JSON document and where:
// the offset of malformed JSON, the member of a value of the wrong type.
func DescribeJSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at offset %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the body"
		}
		return fmt.Sprintf("%s: expected %s, got JSON %s (offset %d)", field, typ.Type, typ.Value, typ.Offset)
	}
	return "malformed JSON: " + err.Error()
}

// RequireContentType checks that the request's media type is want,
// answering 415 naming both otherwise.
func RequireContentType(c *Call, want string) *Response {
	ct := c.Req.Header.Get("Content-Type")
	media, _, _ := strings.Cut(ct, ";")
	media = strings.TrimSpace(strings.ToLower(media))
	if media != want {
		if ct == "" {
			ct = "none"
		}
		return Fail(http.StatusUnsupportedMediaType, "", "Content-Type %s is not supported here; send %s", ct, want)
	}
	return nil
}
