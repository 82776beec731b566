package mockisc

import "testing"

// statuses sends n GETs of path with k, each of which must be answered,
// and returns their statuses.
func statuses(t testing.TB, k client, n int, path string) []int {
	t.Helper()
	out := make([]int, n)
	for i := range out {
		r := k.do(t, "GET", path, "")
		if r.err != nil {
			t.Fatalf("request %d: %v", i+1, r.err)
		}
		out[i] = r.status
	}
	return out
}

func repeat(status, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = status
	}
	return out
}
