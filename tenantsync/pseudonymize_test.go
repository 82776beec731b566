package tenantsync_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mockisc/mockisc/mockisc"
	"github.com/mockisc/mockisc/tenantsync"
)

// personalTenant is a generated tenant with the personal data a real one
// has: e-mails, first and last names, descriptions, nested attributes.
func personalTenant() mockisc.State {
	st := mockisc.Generate(45, 3)
	st.Sources[1].Name = "Corporate directory"
	desc := "Jane's admin account"
	for i := range st.Identities {
		id := &st.Identities[i]
		id.FirstName, id.LastName = "Anne"+id.Name, "Smith"
		id.Email = strings.ToLower(id.FirstName) + ".smith@example.com"
		id.Attributes = map[string]any{"phone": "+1 555 0100 " + id.Name, "office": map[string]any{"city": "Austin " + id.Name}}
	}
	st.Identities[1].ManagerID = st.Identities[0].ID
	st.Accounts[0].Description = &desc
	st.Accounts[0].Attributes["manager"] = st.Identities[0].ID
	st.Accounts[0].Attributes["groups"] = []any{"Engineering", "Everyone"}
	st.Accounts[0].Attributes["employeeNumber"] = 40213.0
	return st
}

// inputStrings lists every value Pseudonymize must replace.
func inputStrings(st mockisc.State) []string {
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, s := range st.Sources {
		out = append(out, s.Name)
	}
	for _, id := range st.Identities {
		out = append(out, id.Name, id.Alias, id.Email, id.FirstName, id.LastName)
		walk(id.Attributes)
	}
	for _, e := range st.Entitlements {
		out = append(out, e.Name, e.Value)
	}
	for _, a := range st.Accounts {
		out = append(out, a.Name, a.NativeIdentity)
		if a.Description != nil {
			out = append(out, *a.Description)
		}
		walk(a.Attributes)
	}
	return out
}

func TestPseudonymizeLeavesNoOriginalValue(t *testing.T) {
	t.Parallel()
	in := personalTenant()
	ids := map[string]bool{}
	for _, id := range in.Identities {
		ids[id.ID] = true
	}
	out, err := json.Marshal(tenantsync.Pseudonymize(in, "s1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range inputStrings(in) {
		if s == "" || ids[s] {
			continue // ids stay, by design
		}
		if strings.Contains(string(out), s) {
			t.Errorf("the output still holds %q", s)
		}
	}
	if strings.Contains(string(out), "40213") {
		t.Error("the output still holds the employee number 40213")
	}
}

func TestPseudonymizeIsStable(t *testing.T) {
	t.Parallel()
	in := personalTenant()
	a, b := tenantsync.Pseudonymize(in, "s1"), tenantsync.Pseudonymize(in, "s1")
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("two runs with one seed differ:\n%s", d)
	}
	if c := tenantsync.Pseudonymize(in, "s2"); c.Identities[0].Name == a.Identities[0].Name {
		t.Errorf("seeds s1 and s2 give the same fake %q", c.Identities[0].Name)
	}
	if in.Identities[0].Name != "user0" {
		t.Errorf("Pseudonymize changed its input: %q", in.Identities[0].Name)
	}
}

func TestPseudonymizeKeepsShapesAndCorrelations(t *testing.T) {
	t.Parallel()
	in := personalTenant()
	out := tenantsync.Pseudonymize(in, "s1")
	// It still loads, and every reference holds.
	s, err := mockisc.NewServer(mockisc.WithoutListener(), mockisc.WithState(out))
	if err != nil {
		t.Fatalf("the pseudonymized state does not load: %v", err)
	}
	s.Close()
	email := regexp.MustCompile(`^[a-z0-9]+\.[a-z]+@[a-z]+\.[a-z]+$`)
	names := map[string]string{} // identity id → fake name
	for i, id := range out.Identities {
		orig := in.Identities[i]
		if id.ID != orig.ID || id.ManagerID != orig.ManagerID || id.IdentityState != orig.IdentityState {
			t.Errorf("identities[%d]: ids or states changed", i)
		}
		if len(id.Name) != len(orig.Name) || !email.MatchString(id.Email) {
			t.Errorf("identities[%d]: shape lost: name %q (was %q), email %q", i, id.Name, orig.Name, id.Email)
		}
		names[id.ID] = id.Name
	}
	for i, a := range out.Accounts {
		orig := in.Accounts[i]
		if a.ID != orig.ID || a.SourceID != orig.SourceID || a.IdentityID != orig.IdentityID || !cmp.Equal(a.Entitlements, orig.Entitlements) {
			t.Errorf("accounts[%d]: references changed", i)
		}
		// The generated account is "<identity name> (<native identity>)"
		// with displayName its identity's name: both still hold.
		if a.IdentityID != "" {
			if want := names[a.IdentityID] + " (" + a.NativeIdentity + ")"; a.Name != want {
				t.Errorf("accounts[%d].name = %q, want %q", i, a.Name, want)
			}
			if a.Attributes["displayName"] != names[a.IdentityID] {
				t.Errorf("accounts[%d].attributes.displayName = %v, want its identity's fake name %q", i, a.Attributes["displayName"], names[a.IdentityID])
			}
		}
		if a.Attributes["userName"] != a.NativeIdentity {
			t.Errorf("accounts[%d]: userName %v and nativeIdentity %q no longer agree", i, a.Attributes["userName"], a.NativeIdentity)
		}
	}
	a0 := out.Accounts[0]
	if a0.Attributes["manager"] != in.Identities[0].ID {
		t.Errorf("an attribute holding an id changed: %v", a0.Attributes["manager"])
	}
	if n, ok := a0.Attributes["employeeNumber"].(float64); !ok || n < 10000 || n > 99999 {
		t.Errorf("employeeNumber = %v, want a five-digit number", a0.Attributes["employeeNumber"])
	}
	if g, ok := a0.Attributes["groups"].([]any); !ok || len(g) != 2 {
		t.Errorf("groups = %v, want a list of two", a0.Attributes["groups"])
	}
	// Entitlement values and the account attributes that hold them agree.
	ents := map[string]string{}
	for _, e := range out.Entitlements {
		ents[e.Value] = e.ID
	}
	if len(ents) != len(in.Entitlements) {
		t.Errorf("%d distinct entitlement values, want %d", len(ents), len(in.Entitlements))
	}
}

func FuzzPseudonymize(f *testing.F) {
	for _, s := range []string{"Ann Lee", "ann.lee@acme.com", "CN=Admins,OU=Groups", "", "42", "Ünïcödé 名前", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st := mockisc.State{Identities: []mockisc.Identity{{ID: "i1", Name: s, Attributes: map[string]any{"x": s}}}}
		out := tenantsync.Pseudonymize(st, "seed")
		got := out.Identities[0]
		if len([]rune(got.Name)) != len([]rune(s)) {
			t.Fatalf("Pseudonymize(%q) = %q: the length changed", s, got.Name)
		}
		if got.Attributes["x"] != got.Name {
			t.Fatalf("the same value gave %q and %v", got.Name, got.Attributes["x"])
		}
		if again := tenantsync.Pseudonymize(st, "seed").Identities[0].Name; again != got.Name {
			t.Fatalf("unstable: %q then %q", got.Name, again)
		}
	})
}
