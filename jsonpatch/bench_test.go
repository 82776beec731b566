package jsonpatch

import (
	"fmt"
	"strings"
	"testing"

	evanphx "github.com/evanphx/json-patch/v5"
)

// The benchmarks apply accountPatch (a test, a reassignment and a flat file
// attribute change) to accountDoc. The evanphx baselines use the same input
// and the same explicit options; the target is within 1.5x of them.

func benchOptions() *evanphx.ApplyOptions {
	return &evanphx.ApplyOptions{SupportNegativeIndices: false, AccumulatedCopySizeLimit: MaxCopyBytes}
}

func BenchmarkPatchApply(b *testing.B) {
	p, err := Decode([]byte(accountPatch))
	if err != nil {
		b.Fatal(err)
	}
	doc := []byte(accountDoc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Apply(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvanphxApplyWithOptions(b *testing.B) {
	p, err := evanphx.DecodePatch([]byte(accountPatch))
	if err != nil {
		b.Fatal(err)
	}
	doc := []byte(accountDoc)
	opts := benchOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.ApplyWithOptions(doc, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApply(b *testing.B) {
	doc, patch := []byte(accountDoc), []byte(accountPatch)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(doc, patch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvanphxDecodeAndApply(b *testing.B) {
	doc, patch := []byte(accountDoc), []byte(accountPatch)
	opts := benchOptions()
	b.ReportAllocs()
	for b.Loop() {
		p, err := evanphx.DecodePatch(patch)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.ApplyWithOptions(doc, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyAccount(b *testing.B) {
	p, err := Decode([]byte(accountPatch))
	if err != nil {
		b.Fatal(err)
	}
	doc := []byte(accountDoc)
	t := AccountTarget{FlatFile: true, LookupIdentity: lookup, Now: testNow}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ApplyAccount(doc, p, t); err != nil {
			b.Fatal(err)
		}
	}
}

// interleaved is the patch that made the cost of a patch quadratic: a
// 400 KB value, then add/test pairs, so that runs of evanphx operations
// alternate with tests.
func interleaved(pairs int) (doc, patch []byte) {
	doc = []byte(`{"attributes":{}}`)
	var b strings.Builder
	b.WriteString(`[{"op":"add","path":"/attributes/big","value":"` + strings.Repeat("x", 400<<10) + `"}`)
	for i := range pairs {
		fmt.Fprintf(&b, `,{"op":"add","path":"/attributes/k%d","value":%d},{"op":"test","path":"/attributes/k%d","value":%d}`, i, i, i, i)
	}
	b.WriteString("]")
	return doc, []byte(b.String())
}

// BenchmarkInterleavedTests applies a 400 KB value and then 499 add/test
// pairs: linear in the patch, it takes milliseconds (it took seconds
// when every test re-parsed the document).
func BenchmarkInterleavedTests(b *testing.B) {
	doc, patch := interleaved((MaxOperations - 1) / 2)
	p, err := Decode(patch)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Apply(doc); err != nil {
			b.Fatal(err)
		}
	}
}
