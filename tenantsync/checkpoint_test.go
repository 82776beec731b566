package tenantsync

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mockisc/mockisc/mockisc"
)

func TestCheckpointCutsATornLine(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "cp")
	h := checkpointHeader{Version: 1, URL: "http://x"}
	good := `{"mockiscImport":1,"url":"http://x"}` + "\n" +
		`{"kind":"sources","path":"/v3/sources","next":1,"done":true,"items":[{"id":"s1","name":"HR"}]}` + "\n"
	if err := os.WriteFile(name, []byte(good+`{"kind":"identities","ite`), 0o600); err != nil {
		t.Fatal(err)
	}
	var st mockisc.State
	cp, err := openCheckpoint(name, h, &st)
	if err != nil {
		t.Fatal(err)
	}
	cp.close()
	if len(st.Sources) != 1 || !cp.phase(kindSources).Done || cp.phase(kindIdentities).Next != 0 {
		t.Errorf("replayed %+v, phases %+v", st, cp.phases)
	}
	b, _ := os.ReadFile(name)
	if string(b) != good {
		t.Errorf("the file is %q; want the torn line cut off", b)
	}
}

func FuzzCheckpointReplay(f *testing.F) {
	f.Add([]byte(`{"mockiscImport":1,"url":"u"}` + "\n" + `{"kind":"accounts","next":2,"items":[{"id":"a","name":"a","nativeIdentity":"a","sourceId":"s","hasEntitlements":true}]}` + "\n"))
	f.Add([]byte(`{"mockiscImport":1,"url":"u"}` + "\n" + `{"kind":"accountEntitlements","account":"a","items":null}` + "\n"))
	f.Add([]byte("garbage\n\n"))
	f.Add([]byte(`{"mockiscImport":1,"url":"u"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cp := &checkpoint{phases: map[string]*phase{}, held: map[string][]mockisc.Entitlement{}, hasEnts: map[string]bool{}}
		var st mockisc.State
		n := cp.replay(data, checkpointHeader{Version: 1, URL: "u"}, &st)
		if n < 0 || n > len(data) {
			t.Fatalf("good prefix %d of %d bytes", n, len(data))
		}
		if n == 0 && (len(st.Sources)+len(st.Accounts)+len(st.Identities)+len(st.Entitlements)) > 0 {
			t.Fatal("a rejected checkpoint left objects behind")
		}
	})
}
