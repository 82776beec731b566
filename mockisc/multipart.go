package mockisc

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
)

// parseMultipart reads the fields of a multipart/form-data body into
// params.
func parseMultipart(r *http.Request, body []byte, params url.Values) error {
	_, p, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	mr := multipart.NewReader(bytes.NewReader(body), p["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := io.ReadAll(io.LimitReader(part, 1<<16))
		if err != nil {
			return err
		}
		params.Add(part.FormName(), string(v))
	}
}
