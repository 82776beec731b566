package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mockisc/mockisc/mockisc"
)

// startingState picks the tenant to start from: the -state file if it
// exists, else the -tenant file, -generate, or the demo tenant. It
// returns the option that loads it and a description of where the state
// came from. -generate makes its accounts straight into the server.
func startingState(o options) (mockisc.Option, string, error) {
	st, from, err := startingStateValue(o)
	if err != nil {
		return nil, "", err
	}
	if st == nil {
		return mockisc.WithGenerated(o.generate, o.seed), from, nil
	}
	return mockisc.WithState(*st), from, nil
}

// startingStateValue is startingState's choice: a state, or nil for
// -generate.
func startingStateValue(o options) (*mockisc.State, string, error) {
	if o.state != "" {
		st, err := readStateFile(o.state)
		if err == nil {
			return &st, "state file " + o.state, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", err
		}
	}
	switch {
	case o.tenant != "":
		st, err := readStateFile(o.tenant)
		return &st, "tenant file " + o.tenant, err
	case o.generate > 0:
		return nil, fmt.Sprintf("%d generated accounts (seed %d)", o.generate, o.seed), nil
	}
	demo := mockisc.DemoState()
	return &demo, "the demo tenant", nil
}

// readStateFile reads a tenant state file; errors name the file and the
// JSON path.
func readStateFile(name string) (mockisc.State, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return mockisc.State{}, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		}
		return mockisc.State{}, fmt.Errorf("%s: %v", name, unwrapPath(err))
	}
	st, err := mockisc.DecodeState(b)
	if err != nil {
		return mockisc.State{}, fmt.Errorf("%s: %v", name, err)
	}
	return st, nil
}

// unwrapPath drops the file name from a *fs.PathError, which the caller
// already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// writeStateFile writes st to name atomically (writeAtomic).
func writeStateFile(name string, st mockisc.State) error {
	err := writeAtomic(name, 0o600, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	})
	if err != nil {
		return fmt.Errorf("write state %s: %v", name, err)
	}
	return nil
}

// writeAtomic writes name through fill atomically: to a temporary file in
// the same directory, given perm and synced, then renamed over name, so a
// reader sees the old file or the whole new one. On error it leaves no
// temporary file; its errors do not name the file.
func writeAtomic(name string, perm fs.FileMode, fill func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return unwrapPath(err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := fill(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return unwrapPath(err)
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return unwrapPath(err)
	}
	return nil
}
