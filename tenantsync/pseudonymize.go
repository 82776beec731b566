package tenantsync

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"strconv"
	"strings"
	"unicode"

	"github.com/mockisc/mockisc/mockisc"
)

// Pseudonymize returns a copy of st whose personal values are replaced by
// stable fakes, so that the state can be committed without personal data:
// the names, descriptions, aliases, e-mail addresses, first and last
// names of identities, accounts, sources and entitlements, native
// identities, entitlement values, and every attribute value (strings,
// and numbers digit by digit). Ids, types, flags and times stay.
//
// The fakes keep the shapes and the correlations: a string is cut into
// words of letters and digits, each word is replaced by a word of the same
// length and character classes (upper, lower, digit) chosen by an HMAC of
// the word keyed with seed, and everything between words (spaces, dots,
// "@", parentheses) stays. So the same word gives the same fake wherever
// it appears ("Ann Lee" the identity and "ann.lee@acme.com" the e-mail
// share their fakes, case aside), an e-mail stays an e-mail, and the same
// seed gives the same output on every run. Fake letters are consonants
// only, so no word with a vowel survives by chance; a word that would map
// to itself is drawn again. Numbers (words of digits) are shifted by a
// keyed amount modulo their length's power of ten, so distinct numbers
// keep distinct fakes; distinct words of letters may, rarely, share one
// (the shorter they are, the likelier). Attribute values equal to an id of the state
// (a manager's id, say) are kept, so that references still resolve.
func Pseudonymize(st mockisc.State, seed string) mockisc.State {
	p := &pseudonymizer{key: []byte("mockisc-pseudonymize\x00" + seed), memo: map[string]string{}, ids: stateIDs(&st)}
	out := mockisc.State{
		Sources:      make([]mockisc.Source, len(st.Sources)),
		Identities:   make([]mockisc.Identity, len(st.Identities)),
		Entitlements: make([]mockisc.Entitlement, len(st.Entitlements)),
		Accounts:     make([]mockisc.Account, len(st.Accounts)),
	}
	for i, s := range st.Sources {
		s.Name, s.Description = p.text(s.Name), p.text(s.Description)
		s.Owner = p.ref(s.Owner)
		s.Features = append([]string(nil), s.Features...)
		s.Correlation = append([]mockisc.CorrelationRule(nil), s.Correlation...)
		out.Sources[i] = s
	}
	for i, id := range st.Identities {
		id.Name, id.Alias, id.Email = p.text(id.Name), p.text(id.Alias), p.text(id.Email)
		id.FirstName, id.LastName = p.text(id.FirstName), p.text(id.LastName)
		id.Attributes = p.attrs(id.Attributes)
		out.Identities[i] = id
	}
	for i, e := range st.Entitlements {
		e.Name, e.Value = p.text(e.Name), p.text(e.Value)
		e.Description = p.textPtr(e.Description)
		e.Attributes = p.attrs(e.Attributes)
		out.Entitlements[i] = e
	}
	for i, a := range st.Accounts {
		a.Name, a.NativeIdentity = p.text(a.Name), p.text(a.NativeIdentity)
		a.Description = p.textPtr(a.Description)
		a.Attributes = p.attrs(a.Attributes)
		a.OwnerIdentity = p.ref(a.OwnerIdentity)
		a.Entitlements = append([]string(nil), a.Entitlements...)
		out.Accounts[i] = a
	}
	out.AgileNowTenants = st.AgileNowTenants
	out.AgileNowAccounts = st.AgileNowAccounts
	out.AgileNowPictures = st.AgileNowPictures
	return out
}

type pseudonymizer struct {
	key  []byte
	memo map[string]string // word → fake
	ids  map[string]bool
}

func (p *pseudonymizer) ref(r *mockisc.Ref) *mockisc.Ref {
	if r == nil {
		return nil
	}
	return &mockisc.Ref{ID: r.ID, Name: p.text(r.Name)}
}

func (p *pseudonymizer) textPtr(s *string) *string {
	if s == nil {
		return nil
	}
	v := p.text(*s)
	return &v
}

func (p *pseudonymizer) attrs(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = p.value(v)
	}
	return out
}

// value replaces an attribute value: strings word by word, numbers digit
// by digit; booleans and null stay.
func (p *pseudonymizer) value(v any) any {
	switch x := v.(type) {
	case string:
		if p.ids[x] {
			return x
		}
		return p.text(x)
	case float64:
		return p.number(strconv.FormatFloat(x, 'f', -1, 64))
	case json.Number:
		return p.number(x.String())
	case int:
		return p.number(strconv.Itoa(x))
	case int64:
		return p.number(strconv.FormatInt(x, 10))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = p.value(e)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = p.value(e)
		}
		return out
	case map[string]any:
		return p.attrs(x)
	}
	return v
}

// number fakes a number's digits, keeping its sign, decimal point and
// length (and a non-zero first digit).
func (p *pseudonymizer) number(s string) any {
	f := []rune(p.text(s))
	for i, r := range f {
		if r == '0' && (i == 0 || f[i-1] == '-') && i+1 < len(f) && f[i+1] != '.' {
			f[i] = '1'
		}
	}
	v, err := strconv.ParseFloat(string(f), 64)
	if err != nil {
		return 0.0
	}
	return v
}

// text replaces every word (a run of letters and digits) of s.
func (p *pseudonymizer) text(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	word := []rune{}
	flush := func() {
		if len(word) > 0 {
			b.WriteString(p.word(string(word)))
			word = word[:0]
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			word = append(word, r)
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// digits fakes a word of 1 to 18 ASCII digits by a keyed shift modulo
// 10^len: a bijection without fixed points, so distinct numbers
// ("group-01", "group-02") keep distinct fakes of the same length.
func (p *pseudonymizer) digits(w string) (string, bool) {
	if len(w) == 0 || len(w) > 18 {
		return "", false
	}
	var n uint64
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return "", false
		}
		n = n*10 + uint64(w[i]-'0')
	}
	m := uint64(1)
	for range len(w) {
		m *= 10
	}
	mac := hmac.New(sha256.New, p.key)
	mac.Write([]byte("digits\x00" + strconv.Itoa(len(w))))
	shift := 1 + binary.BigEndian.Uint64(mac.Sum(nil))%(m-1)
	f := strconv.FormatUint((n+shift)%m, 10)
	return strings.Repeat("0", len(w)-len(f)) + f, true
}

const (
	lowerFakes = "bcdfghjklmnpqrstvwxz"
	upperFakes = "BCDFGHJKLMNPQRSTVWXZ"
)

// word returns the fake of one word: the same length and classes, drawn
// from an HMAC of the word's lower-case form (so "Ann" and "ann" share
// letters), never the word itself.
func (p *pseudonymizer) word(w string) string {
	if f, ok := p.memo[w]; ok {
		return f
	}
	if f, ok := p.digits(w); ok {
		p.memo[w] = f
		return f
	}
	lower := strings.ToLower(w)
	runes := []rune(w)
	for round := uint64(0); ; round++ {
		mac := hmac.New(sha256.New, p.key)
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], round)
		mac.Write(n[:])
		mac.Write([]byte(lower))
		stream := mac.Sum(nil)
		for len(stream) < len(runes) {
			mac.Write(stream)
			stream = mac.Sum(stream)
		}
		out := make([]rune, len(runes))
		for i, r := range runes {
			c := stream[i]
			switch {
			case unicode.IsDigit(r):
				out[i] = rune('0' + c%10)
			case unicode.IsUpper(r):
				out[i] = rune(upperFakes[int(c)%len(upperFakes)])
			default:
				out[i] = rune(lowerFakes[int(c)%len(lowerFakes)])
			}
		}
		if f := string(out); f != w || round > 16 {
			p.memo[w] = f
			return f
		}
	}
}

// stateIDs is the set of the ids of st's sources, identities,
// entitlements and accounts; nil st has none.
func stateIDs(st *mockisc.State) map[string]bool {
	ids := map[string]bool{}
	if st == nil {
		return ids
	}
	for _, s := range st.Sources {
		ids[s.ID] = true
	}
	for _, id := range st.Identities {
		ids[id.ID] = true
	}
	for _, e := range st.Entitlements {
		ids[e.ID] = true
	}
	for _, a := range st.Accounts {
		ids[a.ID] = true
	}
	return ids
}
