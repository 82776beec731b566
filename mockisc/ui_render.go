package mockisc

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// uiFiles are the dashboard's templates and assets, embedded: the binary
// needs no other file, and a page loads nothing from elsewhere.
//
//go:embed ui/templates/*.html ui/assets/*
var uiFiles embed.FS

// uiPages are the page templates, each parsed with the layout; built on
// first use.
var uiPages = sync.OnceValue(func() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(uiFuncs).ParseFS(uiFiles, "ui/templates/layout.html"))
	names, err := fs.Glob(uiFiles, "ui/templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := path.Base(n)
		if base == "layout.html" {
			continue
		}
		pages[strings.TrimSuffix(base, ".html")] = template.Must(template.Must(layout.Clone()).ParseFS(uiFiles, n))
	}
	return pages
})

// uiFuncs are the templates' helpers.
var uiFuncs = template.FuncMap{
	"statusClass": func(status int) string {
		if status < 100 || status > 599 {
			return "s0"
		}
		return fmt.Sprintf("s%d", status/100)
	},
	"time": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04:05.000")
	},
	"add":  func(a, b int) int { return a + b },
	"list": func(v ...string) []string { return v },
}

// uiView is what every page template gets.
type uiView struct {
	// Title is the page's title; Nav the menu entry it lights.
	Title, Nav string
	// Now is the server clock's time.
	Now time.Time
	// Error is a message to show above the page's content.
	Error string
	// Data is the page's own data.
	Data any
}

// uiRender renders page with data at status. A template that fails to
// execute is a bug; it is logged and answered with a plain 500.
func (s *Server) uiRender(w http.ResponseWriter, status int, page string, v uiView) {
	v.Now = s.now()
	var b bytes.Buffer
	if err := uiPages()[page].ExecuteTemplate(&b, "layout.html", v); err != nil {
		slog.Error("mockisc: dashboard template", "page", page, "err", err)
		http.Error(w, "dashboard: the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// uiFragment renders the template name of page alone (a part of the page
// that the script refreshes), at 200.
func (s *Server) uiFragment(w http.ResponseWriter, page, name string, v uiView) {
	v.Now = s.now()
	var b bytes.Buffer
	if err := uiPages()[page].ExecuteTemplate(&b, name, v); err != nil {
		slog.Error("mockisc: dashboard template", "page", page, "template", name, "err", err)
		http.Error(w, "dashboard: the fragment could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// uiAsset serves an embedded stylesheet or script.
func (s *Server) uiAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	b, err := uiFiles.ReadFile("ui/assets/" + name)
	if err != nil || strings.Contains(name, "/") {
		adminError(w, http.StatusNotFound, fmt.Sprintf("no dashboard asset %q", name))
		return
	}
	ct := "application/octet-stream"
	switch path.Ext(name) {
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".js":
		ct = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(b)
}

// uiIndent returns a JSON document indented for reading, or the text as
// it is when it is not JSON.
func uiIndent(doc []byte) string {
	var b bytes.Buffer
	if err := json.Indent(&b, doc, "", "  "); err != nil {
		return string(doc)
	}
	return b.String()
}

// uiLink is the dashboard's URL of page with query, an encoded query
// string (url.Values.Encode): a path of the dashboard's own, safe as an
// href.
func uiLink(page, query string) template.URL {
	u := uiPrefix + page
	if query != "" {
		u += "?" + query
	}
	return template.URL(u)
}
