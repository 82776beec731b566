// Command benchbare is the baseline of scripts/wrk-vs-bare.sh: a bare
// net/http handler that serves, to every request, the status, headers
// (but Date and Content-Length, which net/http writes) and body that one
// GET of a URL answered. Set against the mockisc binary serving that URL,
// it shows what mockisc costs per request over net/http itself.
//
// Quick start:
//
//	go run ./internal/benchbare -url 'http://127.0.0.1:8080/v3/accounts?limit=3' -token "$TOKEN" -addr 127.0.0.1:8081
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
)

func main() {
	url := flag.String("url", "", "the URL whose answer to serve")
	token := flag.String("token", "", "a bearer token for the GET of -url")
	addr := flag.String("addr", "127.0.0.1:8081", "where to listen")
	flag.Parse()
	req, err := http.NewRequest(http.MethodGet, *url, nil)
	if err != nil {
		log.Fatal(err)
	}
	if *token != "" {
		req.Header.Set("Authorization", "Bearer "+*token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		log.Fatal(err)
	}
	header := resp.Header.Clone()
	header.Del("Date")
	header.Del("Content-Length")
	log.Fatal(http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
	})))
}
