package mockisc

import (
	"bytes"
	"encoding/json"

	"github.com/mockisc/mockisc/internal/engine"
)

// decodeBody decodes the JSON request body into v, turning every problem
// into a 400 that says what and where: the offset of malformed JSON, the
// field of a value of the wrong type.
func decodeBody(c *engine.Call, v any) *engine.Response {
	if len(bytes.TrimSpace(c.Body)) == 0 {
		return badRequest("the request body is required")
	}
	if err := json.Unmarshal(c.Body, v); err != nil {
		return badRequest("%s", engine.DescribeJSONError(err))
	}
	return nil
}
