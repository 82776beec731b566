package mockisc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// decodeBody decodes the JSON request body into v, turning every problem
// into a 400 that says what and where: the offset of malformed JSON, the
// field of a value of the wrong type.
func decodeBody(c *call, v any) *response {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return badRequest("the request body is required")
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return badRequest("%s", describeJSONError(err))
	}
	return nil
}

// describeJSONError says what is wrong with a JSON document and where.
func describeJSONError(err error) string {
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
