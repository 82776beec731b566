package mockisc

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// anPNG is a 1×1 PNG.
var anPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\xdac\xfc\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

// anPictureData is a PictureData body of b in standard base64.
func anPictureData(b []byte) string {
	return `{"Picture":"` + base64.StdEncoding.EncodeToString(b) + `"}`
}

// TestAgileNowPictures covers upload, list and delete of an account's
// picture, and what the vendor's test data sends.
func TestAgileNowPictures(t *testing.T) {
	t.Parallel()
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, mode...)
		anSeed(t, e.s)
		pics := anBase + "/Account/a1/Pictures"
		// No picture yet: an empty list.
		if n, _ := anListIDs(t, e.client, "/Account/a1/Pictures", nil, "Filename"); n != 0 {
			t.Errorf("%d pictures before any upload", n)
		}
		got := e.do(t, "POST", anBase+"/Account/a1/Picture", anPictureData(anPNG)).want(t, 200).obj(t)
		if d := cmp.Diff(map[string]any{"Filename": "picture.png", "CreatedOn": "2025-01-01T00:00:00Z"}, got); d != "" {
			t.Errorf("upload answer (-want +got):\n%s", d)
		}
		// The list leaves the bytes out unless Fields asks for them.
		r := e.do(t, "GET", pics, "").want(t, 200)
		if want := `{"Meta":{"TotalItems":1,"CurrentPage":0,"PageSize":50,"Type":"Picture"},"Data":[{"Filename":"picture.png","CreatedOn":"2025-01-01T00:00:00Z"}]}`; string(r.body) != want {
			t.Errorf("list = %s\nwant %s", r.body, want)
		}
		r = e.do(t, "GET", pics+"?Fields=Picture,Filename", "").want(t, 200)
		if want := `"Data":[{"Picture":"` + base64.StdEncoding.EncodeToString(anPNG) + `","Filename":"picture.png"}]`; !strings.Contains(string(r.body), want) {
			t.Errorf("list with Fields = %s\nwant %s", r.body, want)
		}
		for q, n := range map[string]int{
			"Filters=Filename%20Like%20%25.png": 1, "Filters=AccountId%20%3D%20b2": 0,
			"Filters=CreatedOn%20%3E%202030-01-01": 0, "Orders=CreatedOn%20DESC&PageSize=1": 1,
		} {
			if got, _ := anListIDs(t, e.client, "/Account/a1/Pictures", mustQuery(q), "Filename"); got != n {
				t.Errorf("%s: %d pictures, want %d", q, got, n)
			}
		}
		// A second upload replaces the picture: the vendor's test data
		// (base64 of "0123456789"), in the URL alphabet without padding.
		e.s.Clock().Advance(time.Minute)
		body := `{"picture":"` + base64.RawURLEncoding.EncodeToString([]byte("0123456789")) + `"}`
		got = e.do(t, "POST", anBase+"/Account/alice/Picture?Name=Username", body).want(t, 200).obj(t)
		if got["Filename"] != "picture.bin" || got["CreatedOn"] != "2025-01-01T00:01:00Z" {
			t.Errorf("replacement = %v", got)
		}
		if p, _ := e.s.AgileNowPicture("A1"); string(p.Picture) != "0123456789" || len(e.s.AgileNowPictures()) != 1 {
			t.Errorf("stored picture %q, %d pictures", p.Picture, len(e.s.AgileNowPictures()))
		}
		// Delete by Filename, then by AccountId (the default SubName).
		e.do(t, "DELETE", anBase+"/Account/a1/Picture/PICTURE.BIN?SubName=Filename", "").want(t, 200)
		e.do(t, "POST", anBase+"/Account/a1/Picture", anPictureData(anPNG)).want(t, 200)
		got = e.do(t, "DELETE", anBase+"/Account/a1/Picture/a1", "").want(t, 200).obj(t)
		if got["Filename"] != "picture.png" {
			t.Errorf("deleted = %v", got)
		}
		if _, ok := e.s.AgileNowPicture("a1"); ok {
			t.Error("the picture is still there")
		}
		// Deleting an account deletes its picture.
		e.do(t, "POST", anBase+"/Account/b2/Picture", anPictureData(anPNG)).want(t, 200)
		e.do(t, "DELETE", anBase+"/Account/b2", "").want(t, 200)
		if n := len(e.s.AgileNowPictures()); n != 0 {
			t.Errorf("%d pictures left after the account was deleted", n)
		}
	})
}

func mustQuery(q string) url.Values {
	v, err := url.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	return v
}

// TestAgileNowPictureErrors covers every error of the picture routes,
// the size cap among them.
func TestAgileNowPictureErrors(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte{7}, AgileNowMaxPictureBytes+1)
	tests := []struct {
		name, method, path, body string
		status                   int
		typ, text                string
	}{
		{"list: unknown account", "GET", "/Account/zz/Pictures", "", 404, typeNotFound, `"zz"`},
		{"list: filter on the bytes", "GET", "/Account/a1/Pictures?Filters=Picture%20Like%20x", "", 400, typeInvalidField, "Picture"},
		{"list: unknown column", "GET", "/Account/a1/Pictures?Fields=Id", "", 400, typeInvalidField, "Id"},
		{"list: a column the record lacks", "GET", "/Account/a1/Pictures?Fields=AccountId", "", 400, typeInvalidField, "AccountId"},
		{"list: bad page", "GET", "/Account/a1/Pictures?CurrentPage=-1", "", 400, typeBadInput, "CurrentPage"},
		{"upload: unknown account", "POST", "/Account/zz/Picture", anPictureData(anPNG), 404, typeNotFound, `"zz"`},
		{"upload: too large", "POST", "/Account/a1/Picture", anPictureData(big), 400, typeBadInput,
			fmt.Sprintf("%d bytes is more than the %d bytes (512 KiB)", len(big), AgileNowMaxPictureBytes)},
		{"upload: empty", "POST", "/Account/a1/Picture", `{"Picture":""}`, 400, typeBadInput, "Picture: is empty"},
		{"upload: not base64", "POST", "/Account/a1/Picture", `{"Picture":"***"}`, 400, typeBadInput, "not valid base64"},
		{"upload: not a string", "POST", "/Account/a1/Picture", `{"Picture":[1,2]}`, 400, typeBadInput, "expected a base64 string"},
		{"upload: missing", "POST", "/Account/a1/Picture", `{}`, 400, typeBadInput, "Picture is required"},
		{"upload: null", "POST", "/Account/a1/Picture", `{"Picture":null}`, 400, typeBadInput, "Picture is required"},
		{"upload: unknown member", "POST", "/Account/a1/Picture", `{"Picture":"AA==","Filename":"x.png"}`, 400, typeBadInput, "Filename: unknown member; PictureData has Picture"},
		{"delete: none", "DELETE", "/Account/a1/Picture/a1", "", 404, typeNotFound, `no picture with AccountId "a1"`},
		{"delete: unknown SubName", "DELETE", "/Account/a1/Picture/a1?SubName=Id", "", 400, typeInvalidField, "SubName"},
		{"delete: unknown account", "DELETE", "/Account/zz/Picture/zz", "", 404, typeNotFound, `"zz"`},
		{"wrong method", "PUT", "/Account/a1/Picture", "{}", 405, "/Errors/Method Not Allowed", "POST"},
	}
	forModes(t, func(t *testing.T, mode []Option) {
		e := newAnEnv(t, with(mode, WithMaxBodyBytes(1<<20))...)
		anSeed(t, e.s)
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				wantError(t, e.do(t, tc.method, anBase+tc.path, tc.body), tc.status, tc.typ, tc.text)
			})
		}
		if _, ok := e.s.AgileNowPicture("a1"); ok {
			t.Error("a refused upload stored a picture")
		}
		// A picture of another account does not match.
		e.do(t, "POST", anBase+"/Account/b2/Picture", anPictureData(anPNG)).want(t, 200)
		wantError(t, e.do(t, "DELETE", anBase+"/Account/a1/Picture/b2", ""), 404, typeNotFound)
		// Beyond the body cap, the pipeline's 413 comes first.
		r := e.do(t, "POST", anBase+"/Account/a1/Picture", anPictureData(bytes.Repeat([]byte{1}, 800<<10)))
		wantError(t, r, 413, "/Errors/Payload Too Large")
	})
}
