package oas

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// maxRefHops bounds a chain of $refs, so a cycle is an error.
const maxRefHops = 32

// resolve follows s's $ref chain to the schema (or other object) it
// names. Keywords beside a $ref are ignored, as OpenAPI 3.0 says.
func (sp *Spec) resolve(s Schema) (Schema, error) {
	if s.err != nil {
		return s, s.err
	}
	for range maxRefHops {
		raw, ok := s.node["$ref"]
		if !ok {
			return s, nil
		}
		ref, ok := raw.(string)
		if !ok {
			return s, fmt.Errorf("%s: $ref is %s, not a string", fileName(s.file), aKind(raw))
		}
		file, node, err := sp.lookup(s.file, ref)
		if err != nil {
			return s, err
		}
		m, ok := node.(map[string]any)
		if !ok {
			return s, fmt.Errorf("%s: $ref %q names %s, not an object", fileName(s.file), ref, aKind(node))
		}
		s = Schema{file: file, node: m}
	}
	return s, fmt.Errorf("%s: $ref chain longer than %d (a cycle?)", fileName(s.file), maxRefHops)
}

// lookup finds what ref names, from the file from: its file part, if
// any, is relative to from's directory (no file part means from itself),
// and its fragment, if any, is a JSON pointer into that file.
func (sp *Spec) lookup(from, ref string) (file string, node any, err error) {
	filePart, frag, _ := strings.Cut(ref, "#")
	file = from
	if filePart != "" {
		rel, err := url.PathUnescape(filePart)
		if err != nil || strings.Contains(rel, ":") || path.IsAbs(rel) {
			return "", nil, fmt.Errorf("%s: $ref %q: only relative file references are supported", fileName(from), ref)
		}
		file = path.Join(path.Dir(from), rel)
	}
	doc, ok := sp.files[file]
	if !ok && file == "" {
		return "", nil, fmt.Errorf("$ref %q: a bundle needs a file path before the fragment", ref)
	}
	if !ok {
		return "", nil, fmt.Errorf("%s: $ref %q: %s is not in the spec", fileName(from), ref, file)
	}
	node, err = pointer(doc, frag)
	if err != nil {
		return "", nil, fmt.Errorf("%s: $ref %q: %v", fileName(from), ref, err)
	}
	return file, node, nil
}

// pointer follows the JSON pointer in a URI fragment (RFC 6901: percent-
// decoded, then "/"-separated tokens with ~1 for "/" and ~0 for "~").
func pointer(doc any, frag string) (any, error) {
	if frag == "" {
		return doc, nil
	}
	p, err := url.PathUnescape(frag)
	if err != nil {
		return nil, fmt.Errorf("fragment %q: %v", frag, err)
	}
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("fragment %q is not a JSON pointer", frag)
	}
	node := doc
	for tok := range strings.SplitSeq(p[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch n := node.(type) {
		case map[string]any:
			v, ok := n[tok]
			if !ok {
				return nil, fmt.Errorf("no %q in %s", tok, p)
			}
			node = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) || tok != strconv.Itoa(i) {
				return nil, fmt.Errorf("no index %q in %s", tok, p)
			}
			node = n[i]
		default:
			return nil, fmt.Errorf("%q in %s steps into %s", tok, p, aKind(n))
		}
	}
	return node, nil
}

// escapeToken escapes a JSON pointer token.
func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
