package mockisc

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRoutesFile: internal/engine/testdata/routes.txt lists the method
// and pattern of every route a server mounts, for the engine's router
// tests (which cannot import this package); -update rewrites it.
func TestRoutesFile(t *testing.T) {
	t.Parallel()
	s := New(t, WithoutListener())
	var b strings.Builder
	for _, m := range s.mounts() {
		for _, rt := range m.routes {
			b.WriteString(rt.Method + " " + rt.Pattern + "\n")
		}
	}
	goldenFile(t, filepath.Join("..", "internal", "engine", "testdata", "routes.txt"), []byte(b.String()))
}
