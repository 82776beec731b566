package jsonpatch

import (
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
