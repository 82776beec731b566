package mockisc

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/mockisc/mockisc/internal/engine"
)

// form is a request's form body: its parts by name, files and fields
// alike (a file part is a field with a file name).
type form map[string][]byte

// readForm reads the form body of a source operation: multipart/form-data,
// or with urlencoded also application/x-www-form-urlencoded (which beta's
// load-accounts accepts). A request without a body is an empty form;
// another content type is 415. A name sent twice is a 400, as the
// operations take each part once.
func readForm(c *engine.Call, urlencoded bool) (form, *engine.Response) {
	f := form{}
	ct := c.Req.Header.Get("Content-Type")
	if len(c.Body) == 0 && ct == "" {
		return f, nil
	}
	media, params, err := mime.ParseMediaType(ct)
	switch {
	case err == nil && media == "multipart/form-data":
		if err := f.readMultipart(c.Body, params["boundary"]); err != nil {
			return nil, badRequest("the multipart/form-data body cannot be read: %v", err)
		}
		return f, nil
	case err == nil && urlencoded && media == "application/x-www-form-urlencoded":
		vals, err := url.ParseQuery(string(c.Body))
		if err != nil {
			return nil, badRequest("the form body cannot be read: %v", err)
		}
		for k, v := range vals {
			if len(v) > 1 {
				return nil, badRequest("the form has %d fields named %q; send one", len(v), k)
			}
			f[k] = []byte(v[0])
		}
		return f, nil
	}
	want := "multipart/form-data"
	if urlencoded {
		want += " or application/x-www-form-urlencoded"
	}
	if ct == "" {
		ct = "none"
	}
	return nil, engine.Fail(http.StatusUnsupportedMediaType, "", "Content-Type %s is not supported here; send %s", ct, want)
}

func (f form) readMultipart(body []byte, boundary string) error {
	if boundary == "" {
		return errors.New("the Content-Type names no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := part.FormName()
		v, err := io.ReadAll(part)
		if err != nil {
			return err
		}
		if name == "" {
			continue // not a form field (no Content-Disposition name)
		}
		if _, dup := f[name]; dup {
			return errors.New("two parts are named " + strings.TrimSpace(name) + "; send one")
		}
		f[name] = v
	}
}

// flag reads a "true"/"false" field (any case); absent or empty is false.
func (f form) flag(name string) (bool, *engine.Response) {
	switch v := string(f[name]); {
	case v == "" || strings.EqualFold(v, "false"):
		return false, nil
	case strings.EqualFold(v, "true"):
		return true, nil
	default:
		return false, badRequest("%s: %q is not true or false", name, v)
	}
}
