//go:build prof

package main

import (
	"net/http"
	_ "net/http/pprof"
	"runtime"
)

func init() {
	_ = runtime.MemProfileRate
	go http.ListenAndServe("127.0.0.1:6060", nil)
}
