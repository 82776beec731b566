package tenantsync

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/mockisc/mockisc/mockisc"
)

// The checkpoint is a JSON Lines file: a header naming the import, then
// one record per page read. A rerun replays the records into the state
// and goes on after the last one; a torn last line (a kill while writing)
// is cut off.

const (
	kindSources      = "sources"
	kindIdentities   = "identities"
	kindEntitlements = "entitlements"
	kindAccounts     = "accounts"
	kindHeld         = "accountEntitlements"
)

// checkpointHeader names the import a checkpoint belongs to.
type checkpointHeader struct {
	Version int    `json:"mockiscImport"`
	URL     string `json:"url"`
	Filter  string `json:"filter,omitempty"`
	Limit   int    `json:"limit,omitempty"`
}

// record is one page of a list (or one account's entitlements).
type record struct {
	Kind    string          `json:"kind"`
	Path    string          `json:"path,omitempty"`
	Next    int             `json:"next,omitempty"`
	Done    bool            `json:"done,omitempty"`
	Account string          `json:"account,omitempty"`
	Items   json.RawMessage `json:"items,omitempty"`
}

// phase is how far a list got.
type phase struct {
	Path string
	Next int
	Done bool
}

type checkpoint struct {
	f       *os.File
	phases  map[string]*phase
	held    map[string][]mockisc.Entitlement
	hasEnts map[string]bool
}

// openCheckpoint opens (or creates) the checkpoint file name and replays
// its records into st. An empty name keeps the checkpoint in memory only.
func openCheckpoint(name string, h checkpointHeader, st *mockisc.State) (*checkpoint, error) {
	cp := &checkpoint{phases: map[string]*phase{}, held: map[string][]mockisc.Entitlement{}, hasEnts: map[string]bool{}}
	if name == "" {
		return cp, nil
	}
	data, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("checkpoint %s: %v", name, err)
	}
	good := cp.replay(data, h, st)
	if good == 0 {
		hb, _ := json.Marshal(h)
		data = append(hb, '\n')
		good = len(data)
		*st = mockisc.State{}
	}
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("checkpoint %s: %v", name, err)
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt(data[:good], 0)
		if err == nil {
			_, err = f.Seek(int64(good), 0)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("checkpoint %s: %v", name, err)
		}
	}
	cp.f = f
	return cp, nil
}

// replay applies the records of data to st and cp, and returns the
// length of the good prefix (0: no usable checkpoint, start over).
func (cp *checkpoint) replay(data []byte, want checkpointHeader, st *mockisc.State) int {
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return 0
	}
	var h checkpointHeader
	if json.Unmarshal(first, &h) != nil || h != want {
		return 0
	}
	good := len(first) + 1
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 256<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var r record
		if err := json.Unmarshal(line, &r); err != nil || !cp.apply(r, st) {
			break
		}
		good += len(line) + 1
	}
	if good > len(data) {
		good = len(data)
	}
	return good
}

// apply replays one record; false means it is not one this version
// writes.
func (cp *checkpoint) apply(r record, st *mockisc.State) bool {
	var err error
	switch r.Kind {
	case kindSources:
		var v []mockisc.Source
		err = json.Unmarshal(orEmpty(r.Items), &v)
		st.Sources = append(st.Sources, v...)
	case kindIdentities:
		var v []mockisc.Identity
		err = json.Unmarshal(orEmpty(r.Items), &v)
		st.Identities = append(st.Identities, v...)
	case kindEntitlements:
		var v []mockisc.Entitlement
		err = json.Unmarshal(orEmpty(r.Items), &v)
		st.Entitlements = append(st.Entitlements, v...)
	case kindAccounts:
		var v []accountRecord
		err = json.Unmarshal(orEmpty(r.Items), &v)
		for _, a := range v {
			st.Accounts = append(st.Accounts, a.Account)
			if a.HasEntitlements {
				cp.hasEnts[a.ID] = true
			}
		}
	case kindHeld:
		var v []mockisc.Entitlement
		err = json.Unmarshal(orEmpty(r.Items), &v)
		cp.held[r.Account] = v
		return err == nil
	default:
		return false
	}
	if err != nil {
		return false
	}
	ph := cp.phase(r.Kind)
	ph.Path, ph.Next, ph.Done = r.Path, r.Next, r.Done
	return true
}

func orEmpty(b json.RawMessage) json.RawMessage {
	if len(b) == 0 || string(b) == "null" {
		return json.RawMessage("[]")
	}
	return b
}

func (cp *checkpoint) phase(kind string) *phase {
	ph := cp.phases[kind]
	if ph == nil {
		ph = &phase{}
		cp.phases[kind] = ph
	}
	return ph
}

// add appends a record and syncs it to disk.
func (cp *checkpoint) add(r record) error {
	if cp.f == nil {
		return nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if _, err := cp.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("checkpoint %s: %v", cp.f.Name(), err)
	}
	return cp.f.Sync()
}

func (cp *checkpoint) close() {
	if cp.f != nil {
		cp.f.Close()
	}
}
