package mockisc

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
)

// BenchmarkAggregation100k aggregates a 100,000-row CSV into a DelimitedFile
// source holding 100,000 accounts, half of which the file changes: each
// op is one load-accounts over the loopback socket (upload, parse,
// count, apply) and alternates between two files that differ in every
// other row, so every op changes 50,000 accounts and leaves 50,000 alone.
//
//	go test -run '^$' -bench Aggregation100k -benchmem ./mockisc
func BenchmarkAggregation100k(b *testing.B) {
	const n = 100_000
	s := New(b, WithMaxBodyBytes(64<<20), WithJournalSize(16))
	src, err := s.AddSource(Source{Name: "Payroll"})
	if err != nil {
		b.Fatal(err)
	}
	file := func(variant int) []byte {
		var buf bytes.Buffer
		buf.WriteString("userName,displayName,email,dept\r\n")
		for i := range n {
			dept := i % 7
			if i%2 == 0 {
				dept += variant * 100 // every other row changes between the files
			}
			fmt.Fprintf(&buf, "u%06d,User %d,u%06d@example.com,dept%d\r\n", i, i, i, dept)
		}
		return buf.Bytes()
	}
	for i := range n {
		attrs := map[string]any{"userName": fmt.Sprintf("u%06d", i), "displayName": fmt.Sprint("User ", i),
			"email": fmt.Sprintf("u%06d@example.com", i), "dept": fmt.Sprint("dept", i%7)}
		if _, err := s.AddAccount(Account{SourceID: src.ID, NativeIdentity: attrs["userName"].(string), Name: attrs["displayName"].(string), Attributes: attrs}); err != nil {
			b.Fatal(err)
		}
	}
	bodies := [2][]byte{}
	var ct string
	for v := range 2 {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		w.SetBoundary("mockisc-benchmark-boundary") // one Content-Type for both bodies
		fw, _ := w.CreateFormFile("file", "accounts.csv")
		fw.Write(file(1 - v)) // variant 1 first: the seeded accounts are variant 0
		w.Close()
		bodies[v], ct = buf.Bytes(), w.FormDataContentType()
	}
	c, url := s.Client(), s.URL+"/v2025/sources/"+src.ID+"/load-accounts"
	b.SetBytes(int64(len(bodies[0])))
	i := 0
	for b.Loop() {
		resp, err := c.Post(url, ct, bytes.NewReader(bodies[i%2]))
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted || !bytes.Contains(body, []byte(`"completionStatus":"SUCCESS"`)) {
			b.Fatalf("%d %s", resp.StatusCode, body)
		}
		i++
	}
	b.StopTimer()
	tasks := s.Tasks()
	last := tasks[len(tasks)-1]
	s.mu.Lock()
	did := s.tasks[last.ID].agg.did
	s.mu.Unlock()
	if did.updated != n/2 || did.unchanged != n/2 || did.created != 0 || did.deleted != 0 {
		b.Fatalf("the last run did %+v, want %d changed and %d unchanged", did, n/2, n/2)
	}
}
