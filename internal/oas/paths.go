package oas

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// MatchPath returns the template among a single document's paths that
// the request path p matches ("/Account/{Id}" matches "/Account/abc"),
// ignoring any query or fragment. A parameter matches one non-empty
// segment, or part of one ("/files/{name}.json"). Of several matching
// templates the most specific wins: comparing segments from the left, a
// literal beats a partly templated segment, which beats a whole
// parameter. Paths are matched as given, so pass the escaped path;
// servers' base paths are not stripped.
func (sp *Spec) MatchPath(p string) (template string, ok bool) {
	root, _ := sp.files[""].(map[string]any)
	paths, _ := root["paths"].(map[string]any)
	p, _, _ = strings.Cut(p, "?")
	p, _, _ = strings.Cut(p, "#")
	segs := strings.Split(p, "/")
	var best []int
	for _, t := range slices.Sorted(maps.Keys(paths)) {
		rank, ok := matchTemplate(t, segs)
		if ok && (best == nil || slices.Compare(rank, best) > 0) {
			template, best = t, rank
		}
	}
	return template, best != nil
}

// Segment ranks, for choosing the most specific template.
const (
	paramSegment = iota
	partialSegment
	literalSegment
)

// matchTemplate matches a path template against request path segments
// and returns the rank of each segment.
func matchTemplate(template string, segs []string) ([]int, bool) {
	tsegs := strings.Split(template, "/")
	if len(tsegs) != len(segs) {
		return nil, false
	}
	rank := make([]int, len(segs))
	for i, t := range tsegs {
		switch {
		case !strings.Contains(t, "{"):
			if t != segs[i] {
				return nil, false
			}
			rank[i] = literalSegment
		case wholeParam.MatchString(t):
			if segs[i] == "" {
				return nil, false
			}
			rank[i] = paramSegment
		default:
			if !segmentPattern(t).MatchString(segs[i]) {
				return nil, false
			}
			rank[i] = partialSegment
		}
	}
	return rank, true
}

var (
	wholeParam = regexp.MustCompile(`^\{[^{}]+\}$`)
	param      = regexp.MustCompile(`\{[^{}]+\}`)
)

// segmentPattern turns a partly templated segment such as "{name}.json"
// into a regexp.
func segmentPattern(t string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, loc := range param.FindAllStringIndex(t, -1) {
		b.WriteString(regexp.QuoteMeta(t[last:loc[0]]))
		b.WriteString("(.+)")
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(t[last:]) + "$")
	return regexp.MustCompile(b.String())
}

// ResponseSchema returns the schema of the JSON body of the response
// with status to method on the request path p, in a single document: the
// path item is the template p matches (see MatchPath). ok is false when
// the document describes no such body, and always for a bundle, which has
// no paths (see ResponseSchemaIn).
func (sp *Spec) ResponseSchema(method, p string, status int) (s Schema, ok bool) {
	t, ok := sp.MatchPath(p)
	if !ok {
		return Schema{}, false
	}
	root, _ := sp.files[""].(map[string]any)
	paths, _ := root["paths"].(map[string]any)
	return sp.response(Schema{}.sub(paths[t]), method, status)
}

// ResponseSchemaIn is ResponseSchema for a path item that ref names, as
// Schema takes it: in a bundle, usually a path item file
// ("v3/idn/v3/paths/account.yaml"), since a bundle has no paths to match;
// the caller maps request paths to those files.
func (sp *Spec) ResponseSchemaIn(ref, method string, status int) (s Schema, ok bool) {
	return sp.response(sp.Schema(ref), method, status)
}

// response finds, in the path item, the operation for method, its
// response for status (exact, else a range such as "4XX", else
// "default"), and that response's JSON media schema, following $refs.
func (sp *Spec) response(item Schema, method string, status int) (Schema, bool) {
	item, err := sp.resolve(item)
	if err != nil {
		return Schema{}, false
	}
	op, _ := item.node[strings.ToLower(method)].(map[string]any)
	responses, _ := op["responses"].(map[string]any)
	code := strconv.Itoa(status)
	var resp any
	for _, k := range []string{code, code[:1] + "XX", code[:1] + "xx", "default"} {
		if r, ok := responses[k]; ok {
			resp = r
			break
		}
	}
	r, err := sp.resolve(item.sub(resp))
	if err != nil {
		return Schema{}, false
	}
	content, _ := r.node["content"].(map[string]any)
	media, _ := content[jsonMedia(content)].(map[string]any)
	schema, ok := media["schema"]
	if !ok {
		return Schema{}, false
	}
	return r.sub(schema), true
}

// jsonMedia picks the JSON media type of a content map: application/json,
// else text/json, else the first (in sorted order) whose type mentions
// json, such as application/problem+json. Parameters such as charset are
// ignored.
func jsonMedia(content map[string]any) string {
	keys := slices.Sorted(maps.Keys(content))
	base := func(k string) string {
		t, _, _ := strings.Cut(k, ";")
		return strings.ToLower(strings.TrimSpace(t))
	}
	for _, want := range []string{"application/json", "text/json"} {
		for _, k := range keys {
			if base(k) == want {
				return k
			}
		}
	}
	for _, k := range keys {
		if strings.Contains(base(k), "json") {
			return k
		}
	}
	return ""
}
