package engine

import (
	"net/http"
	"strings"
)

// A router answers most requests without its mux: a request whose path
// is plain (plainPath) is matched in a trie of the patterns of its
// method, which finds what http.ServeMux finds for such a path (the most
// specific pattern of the method, a literal segment before a wildcard;
// the mux tries a method's patterns before those without one) at a
// fraction of its cost: the mux cleans, escapes and unescapes every path, which costs
// a request more than the rest of routing. Anything else (HEAD, escapes,
// dot or empty segments, a pattern the trie does not hold, no match) is
// the mux's to answer, and so is every request of a router with a host
// pattern. TestRouterFastAsServeMux holds the two together.

// fastNode is a node of a method's trie: its literal children, its
// wildcard child, and the route whose pattern ends here.
type fastNode struct {
	lit   map[string]*fastNode
	wild  *fastNode
	route int // index+1 of the route whose pattern ends here; 0 if none
}

// addFast puts route i in its method's trie, unless its pattern is one
// the trie leaves to the mux: a multi wildcard, {$}, a trailing slash.
func (r *Router) addFast(i int, method, pattern string) {
	if !strings.HasPrefix(pattern, "/") {
		// A host's patterns come before the others in the mux: with one,
		// the trie would answer for the wrong ones.
		r.noFast = true
		return
	}
	if method == "" || strings.Contains(pattern, "...}") || strings.Contains(pattern, "{$}") || strings.HasSuffix(pattern, "/") {
		return
	}
	if r.fast == nil {
		r.fast = &fastNode{}
	}
	n := r.fast.child(method) // the root's children are the methods' tries
	for seg := range strings.SplitSeq(pattern[1:], "/") {
		if strings.HasPrefix(seg, "{") {
			if n.wild == nil {
				n.wild = &fastNode{}
			}
			n = n.wild
		} else {
			n = n.child(seg)
		}
	}
	n.route = i + 1
}

// child returns n's literal child seg, made if it has none.
func (n *fastNode) child(seg string) *fastNode {
	if n.lit == nil {
		n.lit = map[string]*fastNode{}
	}
	c := n.lit[seg]
	if c == nil {
		c = &fastNode{}
		n.lit[seg] = c
	}
	return c
}

// matchFast returns the index of the route that serves req and its
// pattern as the mux names it, or false when the trie leaves req to the
// mux.
func (r *Router) matchFast(req *http.Request) (int, string, bool) {
	if r.fast == nil || r.noFast {
		return 0, "", false
	}
	root := r.fast.lit[req.Method]
	if root == nil || req.URL.RawPath != "" || !plainPath(req.URL.Path) {
		return 0, "", false
	}
	i := root.find(req.URL.Path[1:])
	if i == 0 {
		return 0, "", false
	}
	return i - 1, r.muxp[i-1], true
}

// find returns the route (index+1) whose pattern matches path, the rest
// of a path after a "/", literal segments first; 0 if none.
func (n *fastNode) find(path string) int {
	seg, rest, more := strings.Cut(path, "/")
	if next := n.lit[seg]; next != nil {
		if i := next.at(rest, more); i != 0 {
			return i
		}
	}
	if n.wild != nil {
		return n.wild.at(rest, more)
	}
	return 0
}

// at is find for the node a segment led to: its route if the path ended,
// else the match of the rest.
func (n *fastNode) at(rest string, more bool) int {
	if !more {
		return n.route
	}
	return n.find(rest)
}

// plainPath reports whether a request path is one the trie matches as
// the mux would: it begins with "/", and its segments are not empty, "."
// or "..", and hold only letters, digits and -._~$&+,:;=@ (which a path
// keeps as they are: nothing the mux would escape, unescape, clean or
// redirect).
func plainPath(p string) bool {
	if len(p) < 2 || p[0] != '/' {
		return false
	}
	segStart := 1
	for i := 1; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			seg := p[segStart:i]
			if seg == "" || seg == "." || seg == ".." {
				return false
			}
			segStart = i + 1
			continue
		}
		if !plainByte[p[i]] {
			return false
		}
	}
	return true
}

// plainByte marks the bytes plainPath allows in a segment.
var plainByte = func() (t [256]bool) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = true
		}
	}
	for _, c := range []byte("-._~$&+,:;=@") {
		t[c] = true
	}
	return t
}()
