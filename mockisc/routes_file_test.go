package mockisc

import (
	"os"
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
	file := filepath.Join("..", "internal", "engine", "testdata", "routes.txt")
	if *update {
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test ./mockisc -run %s -update writes it)", err, t.Name())
	}
	if string(want) != b.String() {
		t.Errorf("%s is not the routes mounted now (go test ./mockisc -run %s -update rewrites it):\n%s", file, t.Name(),
			lineDiff(string(want), b.String()))
	}
}
